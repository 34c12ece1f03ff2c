package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job leaves no connection to nats-server behind, across a failover and after it is
 * cancelled. TaskManagers of a session cluster outlive failovers and jobs: connections left open
 * by each attempt pile up, with their threads, until the server or the JVM runs out. Counted on
 * a nats-server of the test's own, from its connection list.
 */
class NatsConnectionsITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = LiveFixture.cluster(1);

    /** The fixture's own connection, to publish and to manage the streams. */
    private static final String FIXTURE = "live-itcase";

    @TempDir
    Path dir;

    @Test
    void noConnectionOutlivesAFailoverOrTheJob(@InjectMiniCluster MiniCluster cluster) throws Exception {
        LiveDay day = LiveDay.generate(60, 20, 13, Duration.ofSeconds(30), Duration.ofSeconds(5));
        int expected = ReplayOfSameInput.decide(day.writeTo(dir.resolve("day.jsonl")), day.settings).size();

        try (PrivateServers.Nats nats = new PrivateServers.Nats(dir.resolve("nats-store"))) {
            nats.start();
            try (LiveFixture live = new LiveFixture(NatsConnection.to(nats.url()), "jdbc:postgresql://127.0.0.1:5432/")) {
                JobClient client = live.startJob(dir.resolve("checkpoints"), day.settings);
                try {
                    CompletableFuture<Void> publishing = live.playInBackground(day, Duration.ofSeconds(10));
                    await("decisions before the failover").atMost(Duration.ofMinutes(2)).until(() -> live.db.count("select count(*) from match_events") > 0);
                    List<String> beforeFailover = sourceConnections(nats);
                    assertThat(beforeFailover).as("the sources' connections, as the server lists them")
                            .contains("pangan-source-offers", "pangan-source-ngos", "pangan-source-claims");

                    cluster.terminateTaskManager(0).get();
                    cluster.startTaskManager();
                    publishing.get();
                    await("every decision after the failover").atMost(Duration.ofMinutes(2)).until(() -> live.db.count("select count(*) from match_events") >= expected);
                    assertThat(cluster.getExecutionGraph(client.getJobID()).get().getFailureInfo())
                            .as("the job failed over when its TaskManager was lost").isNotNull();
                    assertThat(sourceConnections(nats)).as("the sources' connections after the failover: none left by the first attempt"
                            + " (before it: " + beforeFailover + ")").hasSizeLessThanOrEqualTo(beforeFailover.size());
                } finally {
                    client.cancel().get();
                }
                await("no connection left open after the job was cancelled").atMost(Duration.ofSeconds(15))
                        .until(() -> jobConnections(nats).isEmpty());
            }
        }
    }

    private static List<String> jobConnections(PrivateServers.Nats nats) throws Exception {
        return nats.clientNames().stream().filter(n -> !n.equals(FIXTURE)).toList();
    }

    private static List<String> sourceConnections(PrivateServers.Nats nats) throws Exception {
        return nats.clientNames().stream().filter(n -> n.startsWith("pangan-source-")).sorted().toList();
    }
}
