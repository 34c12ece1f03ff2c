package id.pahlawanpangan.tools;

import id.pahlawanpangan.bench.LiveBenchDocument;
import id.pahlawanpangan.bench.LiveBenchmark;
import id.pahlawanpangan.cli.DurationConverter;
import id.pahlawanpangan.cli.ServiceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The real-time benchmark: latency and cost of the live job at fixed offered rates. */
@Command(name = "bench-live", mixinStandardHelpOptions = true,
        description = "Runs the live job on the local services under an open-loop load in real time and prints, per offered rate,"
                + " latencies (publish -> first proposal, hold end -> hold_expired, publish -> PostGIS row), consumer lag and CPU.")
final class BenchLiveCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--rates", split = ",", defaultValue = "10,100,1000,2000", description = "Offered offers/s (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--phase", defaultValue = "60s", converter = DurationConverter.class, description = "Each rate's duration (default: ${DEFAULT-VALUE}).")
    Duration phase;

    @Option(names = "--warm-up", defaultValue = "30s", converter = DurationConverter.class, description = "Not counted (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--ngos", defaultValue = "1000", description = "NGOs (default: ${DEFAULT-VALUE}).")
    int ngos;

    @Option(names = "--tight-rate", defaultValue = "1000",
            description = "Also run with watermark.out-of-orderness=100ms at this rate (0: do not; default: ${DEFAULT-VALUE}).")
    int tightRate;

    @Option(names = "--set", description = "A job setting for every run, key=value (repeatable).")
    Map<String, String> jobSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--doc", description = "Write the results, with the machine and the command, to this Markdown file (and a PNG beside it).")
    Path doc;

    @Override
    public Integer call() throws Exception {
        LiveBenchmark.Settings settings = new LiveBenchmark.Settings();
        settings.phase = phase;
        settings.warmUp = warmUp;
        settings.ngos = ngos;
        LiveBenchmark bench = new LiveBenchmark(settings, services.nats(), services.postgisAdmin(), services.postgis().user());
        List<LiveBenchmark.Run> runs = new ArrayList<>();
        runs.add(bench.run(jobSettings.isEmpty() ? "defaults" : "settings " + jobSettings, jobSettings, bench.phases(rates)));
        if (tightRate > 0) {
            Map<String, String> tight = new java.util.LinkedHashMap<>(jobSettings);
            tight.put("watermark.out-of-orderness", "100 ms");
            runs.add(bench.run("watermark.out-of-orderness=100ms", tight, bench.phases(List.of(tightRate))));
        }
        LiveBenchDocument document = new LiveBenchDocument(settings, runs, services.postgisAdmin());
        System.out.println();
        System.out.print(document.results());
        if (doc != null) {
            document.write(doc);
            System.out.println("bench-live: written to " + doc);
        }
        return 0;
    }
}
