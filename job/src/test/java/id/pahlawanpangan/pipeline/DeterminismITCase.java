package id.pahlawanpangan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.testing.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Contract section 2: the same input gives the same output, byte for byte. */
class DeterminismITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReplayClusterSupport.cluster();

    @TempDir
    static Path dir;

    static Path day;
    static List<String> atParallelismOne;

    @BeforeAll
    static void replayOnce() throws Exception {
        DayGenerator.Settings settings = new DayGenerator.Settings();
        settings.offers = 1_200;
        settings.ngos = 120;
        settings.seed = 11;
        settings.badInputRate = 0;
        day = dir.resolve("day.jsonl");
        Files.write(day, new DayGenerator(settings).generate(), StandardCharsets.UTF_8);
        atParallelismOne = ReplayClusterSupport.replay(day, 1);
    }

    @Test
    void parallelismDoesNotChangeTheOutput() throws Exception {
        assertThat(ReplayClusterSupport.replay(day, 4)).containsExactlyElementsOf(atParallelismOne);
    }

    @Test
    void theInterleavingOfTheInputStreamsDoesNotChangeTheOutput() throws Exception {
        Path shuffled = ReplayClusterSupport.interleavedDifferently(day, 3, dir.resolve("shuffled.jsonl"));
        assertThat(Files.readAllLines(shuffled)).isNotEqualTo(Files.readAllLines(day));
        assertThat(ReplayClusterSupport.replay(shuffled, 3)).containsExactlyElementsOf(atParallelismOne);
    }

    @Test
    void theCellLevelIsInvisibleInTheOutput() throws Exception {
        assertThat(ReplayClusterSupport.replay(day, 2, java.util.Map.of("geo.cell-level", "12"))).containsExactlyElementsOf(atParallelismOne);
    }
}
