package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
        List<String> input = LiveFixture.dayWithClosingTicks(60, 20, 13);
        Path file = dir.resolve("day.jsonl");
        Files.write(file, input, StandardCharsets.UTF_8);
        int expected = ReplayOfSameInput.decide(file).size();

        try (PrivateServers.Nats nats = new PrivateServers.Nats(dir.resolve("nats-store"))) {
            nats.start();
            try (LiveFixture live = new LiveFixture(NatsConnection.to(nats.url()), "jdbc:postgresql://127.0.0.1:5432/")) {
                JobClient client = live.startJob(dir.resolve("checkpoints"), Map.of());
                try {
                    int half = input.size() / 2;
                    live.publish(input.subList(0, half), 500);
                    await("decisions before the failover", () -> live.db.count("select count(*) from match_events") > 0);
                    List<String> beforeFailover = sourceConnections(nats);
                    assertThat(beforeFailover).as("the sources' connections, as the server lists them")
                            .contains("pangan-source-offers", "pangan-source-ngos", "pangan-source-claims");

                    cluster.terminateTaskManager(0).get();
                    cluster.startTaskManager();
                    live.publish(input.subList(half, input.size()), 500);
                    await("every decision after the failover", () -> live.db.count("select count(*) from match_events") >= expected);
                    assertThat(cluster.getExecutionGraph(client.getJobID()).get().getFailureInfo())
                            .as("the job failed over when its TaskManager was lost").isNotNull();
                    assertThat(sourceConnections(nats)).as("the sources' connections after the failover: none left by the first attempt"
                            + " (before it: " + beforeFailover + ")").hasSizeLessThanOrEqualTo(beforeFailover.size());
                } finally {
                    client.cancel().get();
                }
                long deadline = System.currentTimeMillis() + 15_000;
                while (!jobConnections(nats).isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(jobConnections(nats)).as("connections left open after the job was cancelled").isEmpty();
            }
        }
    }

    private static List<String> jobConnections(PrivateServers.Nats nats) throws Exception {
        return nats.clientNames().stream().filter(n -> !n.equals(FIXTURE)).toList();
    }

    private static List<String> sourceConnections(PrivateServers.Nats nats) throws Exception {
        return nats.clientNames().stream().filter(n -> n.startsWith("pangan-source-")).sorted().toList();
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!condition.call()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
