package id.pahlawanpangan.compat;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.testing.Scenarios;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * State compatibility is a promise to users: every savepoint fixture of an earlier state layout
 * (job/src/test/resources/savepoints, made by CreateSavepointFixture) is restored by this build,
 * at another parallelism, and the job goes on to decide exactly what a replay of the whole input
 * decides.
 */
class SavepointCompatibilityITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path output;

    static Stream<Path> fixtures() throws Exception {
        Path root = Path.of(SavepointCompatibilityITCase.class.getResource("/savepoints").toURI());
        try (Stream<Path> versions = Files.list(root)) {
            List<Path> dirs = versions.filter(Files::isDirectory).sorted().toList();
            assertThat(dirs).as("savepoint fixtures").isNotEmpty();
            return dirs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aSavepointOfAnEarlierLayoutRestoresAndTheJobDecidesAsBefore(Path fixture) throws Exception {
        List<String> input = Files.readAllLines(fixture.resolve("input.jsonl"), StandardCharsets.UTF_8);
        List<String> before = Files.readAllLines(fixture.resolve("output-before-savepoint.jsonl"), StandardCharsets.UTF_8);
        assertThat(before).as("the fixture was taken mid-stream").isNotEmpty();

        Configuration config = FixtureJob.configuration();
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, fixture.resolve("savepoint").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(3);
        FixtureJob.wire(env, config, input, 10_000, output);
        env.execute("restore " + fixture.getFileName());

        List<String> all = new ArrayList<>(before);
        all.addAll(FixtureJob.outputLines(output));
        List<String> expected = Scenarios.decideSequentially(Scenarios.readReplayFile(fixture.resolve("input.jsonl")), MatchPolicy.DEFAULTS)
                .stream().map(MatchEventJson::write).collect(Collectors.toList());
        assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
    }
}
