package id.pahlawanpangan.tools;

import id.pahlawanpangan.bench.Soak;
import id.pahlawanpangan.bench.SoakDocument;
import id.pahlawanpangan.cli.DurationConverter;
import id.pahlawanpangan.cli.ServiceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The memory soak: whether the live job's heap, RocksDB and checkpoints stay flat under a steady load. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Runs the live job on the local services under one open-loop rate for a long while and samples, at fixed intervals,"
                + " its heap after a full GC, RocksDB on disk, the latest checkpoint's size, the offers open, the input lag and the"
                + " p99 publish -> first proposal; prints a table and whether each size stayed flat (and how it grows per minute).")
final class SoakCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--rate", defaultValue = "1000", description = "Offered offers/s (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class, description = "How long the load runs (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--sample-every", defaultValue = "30s", converter = DurationConverter.class, description = "The sampling interval (default: ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Option(names = "--warm-up", converter = DurationConverter.class,
            description = "Samples before this are not judged (default: the offers' shelf life plus match.closed-retention, at most a third of the run).")
    Duration warmUp;

    @Option(names = "--shelf-life", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long each offer keeps, so that it closes within the run (default: ${DEFAULT-VALUE}).")
    Duration shelfLife;

    @Option(names = "--ngos", defaultValue = "1000", description = "NGOs (default: ${DEFAULT-VALUE}).")
    int ngos;

    @Option(names = "--set", description = "A job setting, key=value (repeatable), on top of the soak's claim window (10 s),"
            + " escalation before expiry (30 s) and closed-offer retention (1 min).")
    Map<String, String> jobSettings = new java.util.LinkedHashMap<>();

    @Option(names = "--doc", description = "Write the results into this Markdown file, between its soak markers (and soak.png beside it).")
    Path doc;

    @Override
    public Integer call() throws Exception {
        Soak.Settings settings = new Soak.Settings();
        settings.rate = rate;
        settings.duration = duration;
        settings.sampleEvery = sampleEvery;
        settings.warmUp = warmUp;
        settings.shelfLife = shelfLife;
        settings.ngos = ngos;
        Soak.Run run = new Soak(settings, services.nats(), services.postgisAdmin(), services.postgis().user()).run(jobSettings);
        SoakDocument document = SoakDocument.of(run, services.postgisAdmin());
        System.out.println();
        System.out.print(document.results());
        if (doc != null) {
            document.write(doc);
            System.out.println("soak: written to " + doc);
        }
        return 0;
    }
}
