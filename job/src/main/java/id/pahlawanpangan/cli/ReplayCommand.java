package id.pahlawanpangan.cli;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.pipeline.DecisionSummary;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.pipeline.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Backtesting: the job over a file of input events, on an embedded Flink cluster. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Runs the matching job over a file of input events (one JSON object per line) on an "
                + "embedded Flink cluster and writes every output event, one per line, in decision order.")
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Input events, JSON lines.")
    Path input;

    @Option(names = "--output", required = true, description = "Where to write the output events.")
    Path output;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of the job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--set", description = "A setting, key=value: match.claim-window=5min, geo.cell-level=11, "
            + "state.backend.type=hashmap, ... Repeatable.")
    Map<String, String> settings;

    @Option(names = "--quiet", description = "Do not print the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(input)) {
            System.err.println("replay: cannot read " + input);
            return 2;
        }
        Configuration config = FlinkSettings.apply(Replay.defaults(), settings);
        // bad settings fail here, with the setting's name, not inside the job
        String policy = MatchingOptions.policy(config).toString();
        MatchingOptions.cellGrid(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        long started = System.nanoTime();
        List<MatchEvent> events = Replay.run(env, config, input);
        Replay.write(events, output);
        if (!quiet) {
            System.out.printf("Replayed %s at parallelism %d in %.1f s (%s)%n", input, parallelism,
                    (System.nanoTime() - started) / 1e9, policy);
            System.out.print(DecisionSummary.of(events));
            System.out.printf("%d output events written to %s%n", events.size(), output);
        }
        return 0;
    }
}
