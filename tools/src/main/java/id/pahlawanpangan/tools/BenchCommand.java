package id.pahlawanpangan.tools;

import id.pahlawanpangan.bench.BenchDocument;
import id.pahlawanpangan.bench.BenchReport;
import id.pahlawanpangan.bench.BenchResults;
import id.pahlawanpangan.bench.Benchmarks;
import id.pahlawanpangan.cli.ServiceOptions;
import id.pahlawanpangan.cli.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Throughput benchmarks of the engine and the sinks, as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the engine on embedded clusters and prints a table: the engine's bound (a minimal keyed lifecycle"
                + " with our state setup), the engine over a generated day, its cost as NGOs grow, a hot spot against a uniform day,"
                + " the whole replay with its file output, and each sink alone (postgis, jetstream: these need the services).",
                "Days are generated once into --days-dir and kept."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ServiceOptions services;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Run only these parts: probe, engine, ngos, hotspot, replay, postgis, jetstream, peers (default: all).")
    List<String> only;

    @Option(names = "--parallelism", defaultValue = "2", description = "Of the engine runs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--repeat", defaultValue = "1",
            description = "Runs of each engine measurement (probe, engine days), in rounds; the fastest is kept (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--probe-events", defaultValue = "3000000", description = "Events through the probe (default: ${DEFAULT-VALUE}).")
    long probeEvents;

    @Option(names = "--probe-keys", defaultValue = "200000", description = "Keys of the probe (default: ${DEFAULT-VALUE}).")
    int probeKeys;

    @Option(names = "--engine-offers", defaultValue = "60000", description = "Offers of the engine's day (default: ${DEFAULT-VALUE}).")
    int engineOffers;

    @Option(names = "--engine-ngos", defaultValue = "3000", description = "NGOs of the engine's day (default: ${DEFAULT-VALUE}).")
    int engineNgos;

    @Option(names = "--ngo-offers", defaultValue = "20000", description = "Offers of each day of the NGO series (default: ${DEFAULT-VALUE}).")
    int scalingOffers;

    @Option(names = "--ngo-counts", split = ",", defaultValue = "1500,10000,50000",
            description = "NGOs of the days of the NGO series; the first is the base of the ratios (default: ${DEFAULT-VALUE}).")
    List<Integer> ngoCounts;

    @Option(names = "--hotspot-offers", defaultValue = "20000", description = "Offers of the hot spot day and its uniform twin (default: ${DEFAULT-VALUE}).")
    int hotspotOffers;

    @Option(names = "--hotspot-ngos", defaultValue = "1500", description = "NGOs of the hot spot day and its uniform twin (default: ${DEFAULT-VALUE}).")
    int hotspotNgos;

    @Option(names = "--hotspot-share", defaultValue = "0.5",
            description = "Share of the hot spot day's offers in one cell of central Jakarta (default: ${DEFAULT-VALUE}).")
    double hotspotShare;

    @Option(names = "--offers", defaultValue = "20000", description = "Offers of the day the whole replay runs over (default: ${DEFAULT-VALUE}).")
    int replayOffers;

    @Option(names = "--events", defaultValue = "200000", description = "Decisions written by each sink benchmark (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--peer-ngos", split = ",", defaultValue = "1500,10000,50000",
            description = "NGO counts the peers (PostGIS KNN, Redis GEOSEARCH) are loaded with (default: ${DEFAULT-VALUE}).")
    List<Integer> peerNgos;

    @Option(names = "--peer-duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long each peer looks up candidates (default: ${DEFAULT-VALUE}).")
    Duration peerDuration;

    @Option(names = "--peer-clients", defaultValue = "2", description = "Concurrent clients of each peer (default: ${DEFAULT-VALUE}).")
    int peerClients;

    @Option(names = "--redis", defaultValue = "127.0.0.1:6379", description = "The Redis server of the Redis peer, host:port (default: ${DEFAULT-VALUE}).")
    String redis;

    @Option(names = "--days-dir", defaultValue = "target/bench/days",
            description = "Where generated days are kept, and reused while the generator is unchanged (default: ${DEFAULT-VALUE}).")
    Path daysDir;

    @Option(names = "--doc", description = "Write the results, with the machine and the command, into this Markdown file (and a PNG beside it).")
    Path doc;

    @Override
    public Integer call() throws Exception {
        Benchmarks.Settings settings = new Benchmarks.Settings();
        if (only != null) {
            settings.only = new LinkedHashSet<>(only);
        }
        settings.parallelism = parallelism;
        settings.repeat = repeat;
        settings.probe.events = probeEvents;
        settings.probe.keys = probeKeys;
        settings.probe.parallelism = parallelism;
        settings.engineOffers = engineOffers;
        settings.engineNgos = engineNgos;
        settings.scalingOffers = scalingOffers;
        settings.ngoCounts = ngoCounts;
        settings.hotspotOffers = hotspotOffers;
        settings.hotspotNgos = hotspotNgos;
        settings.hotspotShare = hotspotShare;
        settings.replayOffers = replayOffers;
        settings.sinkEvents = events;
        settings.daysDir = daysDir;
        settings.peerNgos = peerNgos;
        settings.peerDuration = peerDuration;
        settings.peerClients = peerClients;
        settings.redis = redis;
        BenchResults results = new Benchmarks(settings, services::nats, services::postgisAdmin).run();
        System.out.println();
        System.out.print(new BenchReport(results).text());
        if (doc != null) {
            new BenchDocument(results, "bin/pangan bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs())).write(doc);
            System.out.println("bench: written to " + doc);
        }
        return results.failed() ? 1 : 0;
    }
}
