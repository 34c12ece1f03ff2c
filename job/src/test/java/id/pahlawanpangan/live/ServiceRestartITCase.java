package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
        LiveDay day = LiveDay.generate(200, 50, 9, Duration.ofSeconds(40), Duration.ofSeconds(5));
        List<String> expected;

        try (LiveFixture live = new LiveFixture(natsConnection, postgresServer)) {
            Map<String, String> settings = new HashMap<>(day.settings);
            // enough attempts to outlast a server that is away for a few seconds
            settings.putAll(Map.of(
                    "restart-strategy.type", "fixed-delay",
                    "restart-strategy.fixed-delay.attempts", "30",
                    "restart-strategy.fixed-delay.delay", "1 s"));
            JobClient client = live.startJob(dir.resolve("checkpoints"), settings);
            try {
                // published well ahead of time: the publisher, too, waits while NATS is away
                CompletableFuture<Void> publishing = live.playInBackground(day, Duration.ofSeconds(20));
                await("decisions before the disruption").atMost(Duration.ofMinutes(2)).until(() -> countQuietly(live) > 0);
                disruption.happen();
                publishing.get();
                // the reference only now: computed before, it ate the day's lead on a loaded machine
                // (lines published after their time are late, and may be decided otherwise)
                expected = ReplayOfSameInput.decide(day.writeTo(dir.resolve("day.jsonl")), day.settings);
                await("every decision of the replay").atMost(Duration.ofMinutes(3)).until(() -> countQuietly(live) >= expected.size());
                LiveFixture.awaitSettled("decisions", () -> countQuietly(live));
            } finally {
                client.cancel().get();
            }
            live.assertEveryDecisionOnce(expected);
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
