package id.pahlawanpangan.tools;

import id.pahlawanpangan.chaos.ChaosReport;
import id.pahlawanpangan.chaos.ChaosRun;
import id.pahlawanpangan.chaos.ChaosSite;
import id.pahlawanpangan.chaos.FlinkRest;
import id.pahlawanpangan.cli.DurationConverter;
import id.pahlawanpangan.cli.ServiceOptions;
import id.pahlawanpangan.live.Subjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The chaos run's driver; scripts/chaos sets up the deployment it runs against. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Against a running HA deployment (scripts/chaos sets it up): load, faults at random moments, then a check of PostGIS and"
                + " the output stream against a replay of exactly the input the streams hold. Exit code 1 when the check fails.")
final class ChaosCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--namespace", defaultValue = "chaos", description = "The deployment's subject root (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--services-dir", required = true, description = "Where scripts/chaos keeps the services' pid files.")
    Path servicesDir;

    @Option(names = "--cluster-dir", required = true, description = "The Flink cluster's directory (scripts/flink-cluster).")
    Path clusterDir;

    @Option(names = "--cluster-script", required = true, description = "scripts/flink-cluster, which knows the leading JobManager.")
    Path clusterScript;

    @Option(names = "--rest-port", defaultValue = "8081", description = "The first JobManager's REST port (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(names = "--faults", defaultValue = "4", description = "Faults to inject (default: ${DEFAULT-VALUE}).")
    int faults;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "No fault begins after this (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "20", description = "Offers per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "1", description = "Draws the faults, their moments and the load (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-gap", defaultValue = "5s", converter = DurationConverter.class,
            description = "Least time between a recovery and the next fault (default: ${DEFAULT-VALUE}).")
    Duration minGap;

    @Option(names = "--max-gap", defaultValue = "20s", converter = DurationConverter.class,
            description = "Most time between a recovery and the next fault (default: ${DEFAULT-VALUE}).")
    Duration maxGap;

    @Option(names = "--doc", description = "Write the result, with the command, to this Markdown file between its chaos markers.")
    Path doc;

    @Override
    public Integer call() throws Exception {
        ChaosRun.Settings settings = new ChaosRun.Settings();
        settings.faults = faults;
        settings.maxDuration = duration;
        settings.offersPerSecond = rate;
        settings.seed = seed;
        settings.minGap = minGap;
        settings.maxGap = maxGap;
        settings.workDir = servicesDir.resolve("check");
        ChaosSite site = new ChaosSite(servicesDir, clusterDir, clusterScript, restPort, new Random(seed));
        ChaosRun.Report report = new ChaosRun(settings, services.nats(), services.postgisAdmin(), new Subjects(namespace), site,
                new FlinkRest(restPort)).run();
        String command = "scripts/chaos --faults " + faults + " --duration " + duration.toMinutes() + "m --rate " + (int) rate + " --seed " + seed;
        String text = ChaosReport.text(report, command);
        System.out.println();
        System.out.print(text);
        if (doc != null) {
            ChaosReport.write(doc, text);
            System.out.println("chaos: written to " + doc);
        }
        return report.ok() ? 0 : 1;
    }
}
