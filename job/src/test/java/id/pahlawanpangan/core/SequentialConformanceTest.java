package id.pahlawanpangan.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.pahlawanpangan.testing.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sequential reference against the conformance kit (when the machine has it). */
class SequentialConformanceTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "scenario-101, input.jsonl", "scenario-101, input-shuffled.jsonl",
        "scenario-102, input.jsonl", "scenario-102, input-shuffled.jsonl",
        "scenario-103, input.jsonl", "scenario-103, input-shuffled.jsonl"})
    void referenceMatchesTheKit(String scenario, String input) {
        Path kit = Scenarios.conformanceDir();
        assumeTrue(kit != null, "no conformance kit beside this checkout");
        MatchPolicy policy = scenario.equals("scenario-103")
                ? new MatchPolicy(Duration.ofMinutes(5), 2, Duration.ofMinutes(15), 2.0, Duration.ofHours(24))
                : MatchPolicy.DEFAULTS;
        Path actual = tmp.resolve("decisions.jsonl");
        Scenarios.write(Scenarios.decideSequentially(Scenarios.readReplayFile(kit.resolve(scenario).resolve(input)), policy), actual);
        String report = Scenarios.compare(kit.resolve(scenario).resolve("expected.jsonl"), actual);
        assertThat(report).contains("offers match");
    }
}
