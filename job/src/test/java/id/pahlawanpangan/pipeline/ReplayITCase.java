package id.pahlawanpangan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.testing.Scenarios;
import id.pahlawanpangan.testing.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated day, small enough for a test, through the whole job on a MiniCluster with RocksDB,
 * at parallelism 4: every output event must be the one the sequential reference decides, with the
 * same id, in the same order.
 */
class ReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReplayClusterSupport.cluster();

    @TempDir
    static Path dir;

    static Path day;

    @BeforeAll
    static void generateADay() throws Exception {
        DayGenerator.Settings settings = new DayGenerator.Settings();
        settings.offers = 1_500;
        settings.ngos = 150;
        settings.seed = 7;
        settings.badInputRate = 0.01;
        day = dir.resolve("day.jsonl");
        Files.write(day, new DayGenerator(settings).generate(), StandardCharsets.UTF_8);
    }

    @Test
    void theJobDecidesExactlyAsTheSequentialReference() throws Exception {
        List<String> job = ReplayClusterSupport.replay(day, 4);
        List<String> reference = ReplayClusterSupport.lines(
                Scenarios.decideSequentially(Scenarios.readReplayFile(day), MatchPolicy.DEFAULTS));
        List<String> missing = reference.stream().filter(e -> !job.contains(e)).limit(10).collect(Collectors.toList());
        List<String> extra = job.stream().filter(e -> !reference.contains(e)).limit(10).collect(Collectors.toList());
        assertThat(missing).as("decided by the reference, not by the job").isEmpty();
        assertThat(extra).as("decided by the job, not by the reference").isEmpty();
        assertThat(job).containsExactlyElementsOf(reference);
    }

    @Test
    void aGeneratedDayExercisesEveryOutputType() throws Exception {
        List<MatchEvent> events = ReplayClusterSupport.replay(day, 2).stream().map(MatchEventJson::read).collect(Collectors.toList());
        Set<OutputType> seen = events.stream().map(e -> e.type).collect(Collectors.toCollection(() -> EnumSet.noneOf(OutputType.class)));
        assertThat(seen).containsExactlyInAnyOrder(OutputType.values());
        Set<String> reasons = events.stream().filter(e -> e.type == OutputType.OFFER_ESCALATED).map(e -> e.reason).collect(Collectors.toSet());
        assertThat(reasons).contains("no_candidate", "max_proposals", "near_expiry");
        assertThat(events.stream().map(e -> e.eventId).distinct().count()).isEqualTo(events.size());
    }
}
