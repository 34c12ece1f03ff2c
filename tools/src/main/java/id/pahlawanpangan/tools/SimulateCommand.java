package id.pahlawanpangan.tools;

import id.pahlawanpangan.cli.DurationConverter;
import id.pahlawanpangan.cli.ServiceOptions;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.workload.LiveSimulator;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Plays providers and NGOs against the live job through NATS. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publishes a realistic Indonesian day to JetStream, faster than life, and plays the NGOs: "
                + "answers their proposals, reports pickups, and prints what it saw.")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--duration", defaultValue = "90s", converter = DurationConverter.class, description = "How long to run, wall clock (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "30",
            description = "How many times shorter than in life the publishers' durations are; events are dated by the clock (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--offers-per-hour", defaultValue = "2000", description = "Offers posted per simulated hour (default: ${DEFAULT-VALUE}).")
    double offersPerHour;

    @Option(names = "--ngos", defaultValue = "300", description = "NGOs (default: ${DEFAULT-VALUE}).")
    int ngos;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--namespace", defaultValue = Subjects.DEFAULT_NAMESPACE, description = "Subject root (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Override
    public Integer call() throws Exception {
        LiveSimulator.Settings settings = new LiveSimulator.Settings();
        settings.duration = duration;
        settings.speed = speed;
        settings.offersPerSimulatedHour = offersPerHour;
        settings.ngos = ngos;
        settings.seed = seed;
        settings.subjects = new Subjects(namespace);
        System.out.printf("simulate: %s, in real time with the day %.0fx shorter, against %s%n", duration, speed, services.nats());
        StringBuilder set = new StringBuilder();
        LiveSimulator.jobSettings(speed).forEach((key, value) -> set.append(" --set ").append(key).append("='").append(value).append("'"));
        System.out.printf("simulate: for a consistent day run the job with its durations as short:%s%n", set);
        System.out.print(new LiveSimulator(settings).run(services.nats()));
        return 0;
    }
}
