package id.pahlawanpangan.tools;

import id.pahlawanpangan.bench.GatewayBenchReport;
import id.pahlawanpangan.bench.GatewayBenchmark;
import id.pahlawanpangan.cli.DurationConverter;
import id.pahlawanpangan.cli.ServiceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The HTTP gateway's load benchmark: the gateway alone, at fixed offered rates, against its target. */
@Command(name = "bench-gateway", mixinStandardHelpOptions = true,
        description = "Starts the HTTP gateway (bin/pangan-gateway serve) on a JetStream namespace of its own and puts an open-loop load of"
                + " offers, NGO availabilities and claims on it at fixed rates; prints, per rate, achieved requests/s, answers by status,"
                + " latency percentiles, the CPU of the gateway, of the load generator and of nats-server, and the verdict against"
                + " the target (at least 2,000 requests/s with p99 <= 50 ms); checks the input streams' counts against the 2xx answers.")
final class BenchGatewayCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--rates", split = ",", defaultValue = "1000,2000,3000", description = "Offered requests/s (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--phase", defaultValue = "20s", converter = DurationConverter.class, description = "Each rate's duration (default: ${DEFAULT-VALUE}).")
    Duration phase;

    @Option(names = "--warm-up", defaultValue = "20s", converter = DurationConverter.class,
            description = "At the lowest rate, not counted (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--providers", defaultValue = "200", description = "Provider clients (default: ${DEFAULT-VALUE}).")
    int providers;

    @Option(names = "--ngos", defaultValue = "200", description = "NGO clients (default: ${DEFAULT-VALUE}).")
    int ngos;

    @Option(names = "--max-in-flight", defaultValue = "256",
            description = "Connections at most, one request outstanding on each; beyond, requests wait their turn and the wait counts in their latency"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--gateway", description = "The gateway's launcher (default: bin/pangan-gateway of this checkout).")
    Path gateway;

    @Option(names = "--doc", description = "Write the results, with the machine and the setup, into this Markdown file's bench-gateway section.")
    Path doc;

    @Override
    public Integer call() throws Exception {
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
            throw new IllegalArgumentException("--rates: positive requests/s, was " + rates);
        }
        Path launcher = gateway != null ? gateway : defaultLauncher();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException(launcher + " is not there or not executable: build the gateway (make build), or name its launcher with --gateway");
        }
        GatewayBenchmark.Settings settings = new GatewayBenchmark.Settings();
        settings.rates = rates;
        settings.phase = phase;
        settings.warmUp = warmUp;
        settings.providers = providers;
        settings.ngos = ngos;
        settings.maxInFlight = maxInFlight;
        // the gateway reads NATS from the environment, as the job does: --nats reaches it there
        Map<String, String> environment = Map.of("PANGAN_NATS_URL", services.nats().servers());
        GatewayBenchmark.Result result = new GatewayBenchmark(settings, services.nats(), GatewayBenchmark.process(launcher, environment)).run();
        GatewayBenchReport report = new GatewayBenchReport(settings, result);
        System.out.println();
        System.out.print(report.results());
        if (doc != null) {
            report.write(doc);
            System.out.println("bench-gateway: written to " + doc);
        }
        return result.streamsAgree() ? 0 : 1;
    }

    /** bin/pangan-gateway beside bin/pangan: this class comes from {@code <checkout>/tools/target/...}; else from the working directory. */
    static Path defaultLauncher() {
        try {
            Path source = Path.of(BenchGatewayCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = source; p != null; p = p.getParent()) {
                Path candidate = p.resolve("bin").resolve("pangan-gateway");
                if (p.getFileName() != null && Files.isDirectory(p.resolve("tools")) && Files.exists(candidate)) {
                    return candidate;
                }
            }
        } catch (Exception e) {
            // fall back to the working directory
        }
        return Path.of("bin", "pangan-gateway");
    }
}
