package id.pahlawanpangan.tools;

import id.pahlawanpangan.bench.Benchmarks;
import id.pahlawanpangan.cli.ServiceOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Throughput benchmarks of the job and its sinks, as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the matching job over a generated day and each sink on its own (needs the services), and prints a table.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--offers", defaultValue = "20000", description = "Offers in the replayed day (default: ${DEFAULT-VALUE}).")
    int offers;

    @Option(names = "--events", defaultValue = "200000", description = "Decisions written by each sink benchmark (default: ${DEFAULT-VALUE}).")
    long events;

    @Override
    public Integer call() throws Exception {
        Benchmarks b = new Benchmarks(services.nats(), services.postgisAdmin());
        System.out.println(Benchmarks.header());
        System.out.println(b.replay(offers, 1));
        System.out.println(b.replay(offers, 2));
        System.out.println(b.postgisSink(events, 2));
        System.out.println(b.jetStreamSink(events, 2));
        return 0;
    }
}
