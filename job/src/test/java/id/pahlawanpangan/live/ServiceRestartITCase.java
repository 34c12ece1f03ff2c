package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * nats-server, then PostgreSQL, restarted mid-stream (servers of the test's own): the job
 * recovers by itself, and both outputs hold every decision of a replay exactly once.
 */
class ServiceRestartITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = LiveFixture.cluster(2);

    @TempDir
    Path dir;

    @Test
    void theJobRecoversWhenNatsRestartsMidStream() throws Exception {
        try (PrivateServers.Nats nats = new PrivateServers.Nats(dir.resolve("nats-store"))) {
            nats.start();
            runThroughDisruption(NatsConnection.to(nats.url()), "jdbc:postgresql://127.0.0.1:5432/", () -> {
                nats.stop();
                Thread.sleep(3_000);
                nats.start();
            });
        }
    }

    @Test
    void theJobRecoversWhenPostgresRestartsMidStream() throws Exception {
        Path pgParent = Path.of("/tmp", "pangan-it-pg-" + Long.toString(System.nanoTime(), 36));
        try (PrivateServers.Postgres postgres = new PrivateServers.Postgres(pgParent)) {
            postgres.start();
            runThroughDisruption(LiveFixture.NATS, postgres.server(), () -> {
                postgres.stop();
                Thread.sleep(3_000);
                postgres.start();
            });
        } finally {
            PrivateServers.run(List.of("rm", "-rf", pgParent.toString()));
        }
    }

    interface Disruption {
        void happen() throws Exception;
    }

    private void runThroughDisruption(NatsConnection natsConnection, String postgresServer, Disruption disruption) throws Exception {
        List<String> input = LiveFixture.dayWithClosingTicks(200, 50, 9);
        Path file = dir.resolve("day.jsonl");
        Files.write(file, input, StandardCharsets.UTF_8);
        List<String> expected = ReplayOfSameInput.decide(file);

        try (LiveFixture live = new LiveFixture(natsConnection, postgresServer)) {
            // enough attempts to outlast a server that is away for a few seconds
            JobClient client = live.startJob(dir.resolve("checkpoints"), Map.of(
                    "restart-strategy.type", "fixed-delay",
                    "restart-strategy.fixed-delay.attempts", "30",
                    "restart-strategy.fixed-delay.delay", "1 s"));
            try {
                int rate = 300;
                int half = input.size() / 2;
                live.publish(input.subList(0, half), rate);
                Thread.sleep(2_000);
                disruption.happen();
                CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
                    try {
                        publishWhenReachable(live, input.subList(half, input.size()), rate);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                rest.get();
                long deadline = System.currentTimeMillis() + 180_000;
                while (countQuietly(live) < expected.size() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(500);
                }
                Thread.sleep(3_000);
            } finally {
                client.cancel().get();
            }
            live.assertEveryDecisionOnce(expected);
        }
    }

    /** The publisher, too, waits for NATS to come back. */
    private static void publishWhenReachable(LiveFixture live, List<String> lines, int rate) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                live.publish(lines, rate);
                return;
            } catch (Exception e) {
                if (attempt > 20) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static long countQuietly(LiveFixture live) {
        try {
            return live.db.count("select count(*) from match_events");
        } catch (Exception e) {
            return -1; // PostgreSQL still restarting
        }
    }
}
