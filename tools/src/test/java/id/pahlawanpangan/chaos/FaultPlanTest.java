package id.pahlawanpangan.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @RepeatedTest(20)
    void theLeadingJobManagerIsKilledAmongTheFirstFour(org.junit.jupiter.api.RepetitionInfo repetition) {
        List<Fault> faults = FaultPlan.draw(4, new Random(repetition.getCurrentRepetition()));
        assertThat(faults).hasSize(4).contains(Fault.kill(Target.JOBMANAGER));
    }

    @Test
    void everyKindComesBeforeAnyRepeatsAndStallsLastFiveToThirtySeconds() {
        List<Fault> faults = FaultPlan.draw(20, new Random(7));
        Set<String> firstRound = new HashSet<>();
        for (Fault f : faults.subList(0, 8)) {
            firstRound.add(f.target() + (f.kill() ? " kill" : " stall"));
        }
        assertThat(firstRound).hasSize(8);
        assertThat(faults).filteredOn(f -> !f.kill()).allSatisfy(f ->
                assertThat(f.stall()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Test
    void theSameSeedDrawsTheSameFaults() {
        assertThat(FaultPlan.draw(12, new Random(3))).isEqualTo(FaultPlan.draw(12, new Random(3)));
    }
}
