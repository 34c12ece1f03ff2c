package id.pahlawanpangan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.pipeline.Replay;
import id.pahlawanpangan.testing.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pangan backtest --input}: a day under the recorded policy and under a shorter claim window. */
class BacktestCommandITCase {
    @TempDir
    Path dir;

    @Test
    void aDayIsReplayedUnderBothPoliciesAndReportedSideBySide() throws Exception {
        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = 300;
        s.ngos = 40;
        s.seed = 11;
        Path day = dir.resolve("day.jsonl");
        Files.write(day, new DayGenerator(s).generate(), StandardCharsets.UTF_8);
        Path out = dir.resolve("report");

        int exit = Main.commandLine().execute("backtest", "--input", day.toString(), "--set", "match.claim-window=1min",
                "--output", out.toString());

        assertThat(exit).isZero();
        Configuration defaults = Replay.defaults();
        List<String> replayed = Replay.run(StreamExecutionEnvironment.createLocalEnvironment(2, defaults), defaults, day).stream()
                .map(MatchEventJson::write).collect(Collectors.toList());
        assertThat(Files.readAllLines(out.resolve("recorded.jsonl"))).as("the recorded policy's decisions: a replay's").isEqualTo(replayed);
        List<String> changed = Files.readAllLines(out.resolve("changed.jsonl"));
        assertThat(changed).as("a one-minute claim window ends holds sooner").isNotEqualTo(replayed)
                .anyMatch(l -> l.contains("\"type\":\"offer.hold_expired\""));
        String table = Files.readString(out.resolve("backtest.md"));
        assertThat(table).contains("| proposed |").contains("| meals rescued |").contains("claim-window=PT1M").contains("claim-window=PT10M");
        assertThat(Files.size(out.resolve("backtest.png"))).isGreaterThan(5_000);
    }

    @Test
    void aBadSettingIsRefusedBeforeAnythingRuns() {
        int exit = Main.commandLine().execute("backtest", "--input", dir.resolve("none.jsonl").toString(), "--set", "match.claim-window=soon",
                "--output", dir.resolve("report").toString());
        assertThat(exit).isNotZero();
        assertThat(dir.resolve("report")).doesNotExist();
    }
}
