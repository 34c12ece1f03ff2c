package id.pahlawanpangan.tools;

import id.pahlawanpangan.bench.Benchmarks;
import id.pahlawanpangan.bench.PeerResult;
import id.pahlawanpangan.bench.PeerWorkload;
import id.pahlawanpangan.bench.PostgisKnnPeer;
import id.pahlawanpangan.bench.RedisGeoPeer;
import id.pahlawanpangan.cli.DurationConverter;
import id.pahlawanpangan.cli.ServiceOptions;
import id.pahlawanpangan.connectors.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

    /** The groups of rows {@code --only} picks from. */
    enum Group { replay, sinks, peers }

    @Option(names = "--only", split = ",", paramLabel = "GROUP",
            description = "Only these groups of rows: ${COMPLETION-CANDIDATES} (default: all).")
    Set<Group> only = EnumSet.allOf(Group.class);

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

    @Override
    public Integer call() throws Exception {
        Benchmarks b = new Benchmarks(services.nats(), services.postgisAdmin());
        System.out.println(Benchmarks.header());
        if (only.contains(Group.replay)) {
            System.out.println(b.replay(offers, 1));
            System.out.println(b.replay(offers, 2));
        }
        if (only.contains(Group.sinks)) {
            System.out.println(b.postgisSink(events, 2));
            System.out.println(b.jetStreamSink(events, 2));
        }
        if (only.contains(Group.peers)) {
            PostgisKnnPeer postgis = new PostgisKnnPeer(services.postgisAdmin(), Secret.fromEnvironmentOrFile("PANGAN_PG_ADMIN_PASSWORD"),
                    peerDuration, peerClients);
            RedisGeoPeer redisGeo = new RedisGeoPeer(redis, peerDuration, peerClients);
            List<String> checks = new ArrayList<>();
            for (int ngos : peerNgos) {
                PeerWorkload workload = PeerWorkload.of(ngos);
                for (PeerResult peer : List.of(postgis.lookups(workload), redisGeo.lookups(workload))) {
                    System.out.println(peer.row());
                    checks.add(peer.check());
                }
            }
            System.out.println();
            checks.forEach(System.out::println);
        }
        return 0;
    }
}
