package id.pahlawanpangan.tools;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.workload.DayGenerator;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job's tests generate their days with a copy of this module's generator (the job cannot
 * depend on the tools, which depend on it). The two must make the same day from the same
 * settings, so that what the job is tested on is what {@code bin/pangan generate} makes.
 */
class GeneratedDaysAgreeTest {
    @Test
    void theJobsCopyMakesTheSameDays() {
        for (long seed : new long[] {5, 42}) {
            assertThat(copy(400, 60, seed, 0.01)).as("seed %d", seed).isEqualTo(tools(400, 60, seed, 0.01));
        }
        assertThat(copy(1_500, 150, 13, 0)).isEqualTo(tools(1_500, 150, 13, 0));
    }

    private static List<String> tools(int offers, int ngos, long seed, double badInputRate) {
        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = offers;
        s.ngos = ngos;
        s.seed = seed;
        s.badInputRate = badInputRate;
        s.date = LocalDate.of(2026, 11, 25);
        return new DayGenerator(s).generate();
    }

    private static List<String> copy(int offers, int ngos, long seed, double badInputRate) {
        var s = new id.pahlawanpangan.testing.workload.DayGenerator.Settings();
        s.offers = offers;
        s.ngos = ngos;
        s.seed = seed;
        s.badInputRate = badInputRate;
        s.date = LocalDate.of(2026, 11, 25);
        return new id.pahlawanpangan.testing.workload.DayGenerator(s).generate();
    }
}
