package id.pahlawanpangan.cli;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.impact.ImpactFactors;
import id.pahlawanpangan.live.InputExport;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.pipeline.BacktestReport;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.pipeline.PolicyOutcome;
import id.pahlawanpangan.pipeline.Replay;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** "What if the claim window had been 5 minutes yesterday?": a day replayed under two policies. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replays the input of a time range (exported from JetStream, as `pangan export` writes it) or a replay"
                + " file under the recorded policy and under a changed one, and reports both side by side: offers proposed,"
                + " claimed, completed, escalated, expired; time to first proposal and to claim; kg, meals and CO2e rescued.",
                "Writes to --output: input.jsonl (when exported), recorded.jsonl and changed.jsonl (the decisions),"
                + " backtest.md (the table) and backtest.png (the chart)."})
final class BacktestCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    static final class Source {
        @Option(names = "--from", converter = ExportCommand.TimeConverter.class,
                description = "Export the input received from this time (ISO-8601 UTC) from JetStream.")
        Long from;

        @Option(names = "--input", description = "Or backtest this replay file.")
        Path input;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--to", converter = ExportCommand.TimeConverter.class, description = "With --from: until this time (default: now).")
    Long to;

    @Option(names = "--namespace", defaultValue = Subjects.DEFAULT_NAMESPACE, description = "With --from: subject root and stream prefix (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--recorded", description = "A setting the live job ran with, where it differs from the defaults, key=value. Repeatable.")
    Map<String, String> recorded = new HashMap<>();

    @Option(names = "--set", required = true, description = "A setting of the changed policy, key=value (match.claim-window=5min, ...). Repeatable.")
    Map<String, String> changes;

    @Option(names = "--output", defaultValue = "backtest", description = "Directory for the files (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of each replay (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        Configuration recordedConfig = FlinkSettings.apply(Replay.defaults(), recorded);
        Map<String, String> changedSettings = new HashMap<>(recorded);
        changedSettings.putAll(changes);
        Configuration changedConfig = FlinkSettings.apply(Replay.defaults(), changedSettings);
        // bad settings fail here, with the setting's name, before anything is read
        String recordedPolicy = MatchingOptions.policy(recordedConfig).toString();
        String changedPolicy = MatchingOptions.policy(changedConfig).toString();
        MatchingOptions.cellGrid(changedConfig);
        Files.createDirectories(output);

        Path input = source.input;
        if (input == null) {
            input = output.resolve("input.jsonl");
            long until = to != null ? to : System.currentTimeMillis();
            Map<SourceStream, InputExport.StreamRange> ranges;
            try (Connection nats = services.nats().connect("pangan-backtest")) {
                ranges = new InputExport(nats, new Subjects(namespace)).write(source.from, until, input);
            }
            System.out.printf("backtest: exported %d input messages to %s%n",
                    ranges.values().stream().mapToInt(InputExport.StreamRange::messages).sum(), input);
        } else if (!Files.isReadable(input)) {
            System.err.println("backtest: cannot read " + input);
            return 2;
        }

        PolicyOutcome recordedOutcome = replay(input, recordedConfig, output.resolve("recorded.jsonl"));
        PolicyOutcome changedOutcome = replay(input, changedConfig, output.resolve("changed.jsonl"));
        BacktestReport report = new BacktestReport(recordedPolicy, recordedOutcome, changedPolicy, changedOutcome);
        String table = report.table();
        Files.writeString(output.resolve("backtest.md"), "# Backtest of " + input.getFileName() + "\n\n" + table + "\n![backtest](backtest.png)\n",
                StandardCharsets.UTF_8);
        report.chart(output.resolve("backtest.png"));
        System.out.print(table);
        System.out.println("backtest: written to " + output.resolve("backtest.md") + " and " + output.resolve("backtest.png"));
        return 0;
    }

    private PolicyOutcome replay(Path input, Configuration config, Path decisions) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        List<MatchEvent> events = Replay.run(env, config, input);
        Replay.write(events, decisions);
        return PolicyOutcome.of(events, ImpactFactors.DEFAULTS);
    }
}
