package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job jar on a real Flink cluster (scripts/flink-cluster: a JobManager and two TaskManager
 * JVMs), submitted and stopped through the REST API by the command line: stopped with a savepoint
 * mid-stream, resumed from it at another parallelism; the output is exactly once, as a replay
 * decides it.
 */
class FlinkClusterITCase {
    private Path top;
    private Path clusterDir;
    private int restPort;

    @BeforeEach
    void startCluster() throws Exception {
        top = Path.of("").toAbsolutePath().getParent();
        clusterDir = Files.createTempDirectory("pangan-cluster-it");
        restPort = PrivateServers.freePort();
        run(List.of(top.resolve("scripts/flink-cluster").toString(), "start", "2"));
    }

    @AfterEach
    void stopCluster() throws Exception {
        run(List.of(top.resolve("scripts/flink-cluster").toString(), "stop"));
    }

    @Test
    void stopWithSavepointAndResumeAtAnotherParallelismIsExactlyOnce() throws Exception {
        LiveDay day = LiveDay.generate(200, 50, 13, Duration.ofSeconds(45), Duration.ofSeconds(10));

        try (LiveFixture live = new LiveFixture()) {
            String jobManager = "127.0.0.1:" + restPort;
            // the job's checkpoints stay with this test's cluster, out of the embedded default directory
            List<String> settings = new ArrayList<>(List.of("--set", "nats.namespace=" + live.subjects.namespace(),
                    "--set", "execution.checkpointing.dir=" + clusterDir.resolve("checkpoints").toUri()));
            day.settings.forEach((key, value) -> settings.addAll(List.of("--set", key + "=" + value)));
            List<String> run = new ArrayList<>(List.of("run", "--jobmanager", jobManager, "--parallelism", "2"));
            run.addAll(settings);
            pangan(live, run);
            // the day goes on while the job is stopped: it catches up from JetStream when resumed
            CompletableFuture<Void> publishing = live.playInBackground(day, Duration.ofSeconds(10));
            await("decisions before the stop").atMost(Duration.ofMinutes(1)).until(() -> live.db.count("select count(*) from match_events") > 0);
            String savepoint = lastLine(pangan(live, List.of("stop", "--jobmanager", jobManager)));
            assertThat(savepoint).as("in the cluster's savepoint directory, not the embedded default a demo resumes from")
                    .contains(clusterDir.resolve("savepoints").toString()).contains("savepoint-");
            long beforeResume = live.db.count("select count(*) from match_events");
            assertThat(beforeResume).isPositive();

            List<String> resume = new ArrayList<>(List.of("run", "--jobmanager", jobManager, "--parallelism", "3", "--from-savepoint", savepoint));
            resume.addAll(settings);
            pangan(live, resume);
            publishing.get();
            // the reference only after publishing: computed before, it ate the day's lead on a loaded machine
            List<String> expected = ReplayOfSameInput.decide(day.writeTo(clusterDir.resolve("day.jsonl")), day.settings);
            await("every decision of the replay").atMost(Duration.ofMinutes(3))
                    .until(() -> live.db.count("select count(*) from match_events") >= expected.size());
            LiveFixture.awaitSettled("decisions", () -> live.db.count("select count(*) from match_events"));
            pangan(live, List.of("stop", "--jobmanager", jobManager));

            live.assertEveryDecisionOnce(expected);
        }
    }

    /**
     * Submitted as platform teams do, with Flink's own command-line client ({@code flink run},
     * {@code CliFrontend}) and the job's settings as {@code -D}: they take effect (the claim
     * window in every proposal's hold, the namespace in where the decisions go), and the program's
     * {@code main} returns to the client instead of exiting its JVM.
     */
    @Test
    void flinkRunWithDashDSettingsRunsTheJobWithThem() throws Exception {
        LiveDay day = LiveDay.generate(60, 20, 17, Duration.ofSeconds(20), Duration.ofSeconds(5));
        try (LiveFixture live = new LiveFixture()) {
            Map<String, String> settings = new LinkedHashMap<>(day.settings);
            settings.put("match.claim-window", "1234 ms");
            settings.put("nats.namespace", live.subjects.namespace());
            settings.put("execution.checkpointing.dir", clusterDir.resolve("checkpoints").toUri().toString());
            Path clientConf = Files.createDirectories(clusterDir.resolve("client-conf"));
            Files.writeString(clientConf.resolve("config.yaml"), "rest.address: 127.0.0.1\nrest.port: " + restPort + "\n");
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(Files.readAllLines(top.resolve("flink-conf/java17-opens")).stream().filter(l -> !l.isBlank()).toList());
            command.addAll(List.of("-Dlog4j.configurationFile=" + top.resolve("flink-conf/log4j-cli.properties"),
                    // Flink's classpath as scripts/flink-cluster builds it (a distribution's lib/)
                    "-cp", Files.readString(top.resolve("job/target/runtime.classpath")).strip() + ":"
                            + Files.readString(top.resolve("job/target/compile.classpath")).strip(),
                    "org.apache.flink.client.cli.CliFrontend", "run", "-p", "2"));
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of(top.resolve("job/target/pangan-job.jar").toString(), "run"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("FLINK_CONF_DIR", clientConf.toString());
            pb.environment().put("PANGAN_PG_URL", live.db.url());
            pb.environment().put("PANGAN_PG_USER", LiveFixture.JOB_USER);
            pb.environment().put("PANGAN_NATS_URL", live.natsConnection.servers());
            Process client = pb.start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(client.waitFor()).as("flink run:\n" + output).isZero();
            assertThat(output).contains("submitted");

            live.play(day, Duration.ofSeconds(5));
            await("proposals").atMost(Duration.ofMinutes(1))
                    .until(() -> live.db.count("select count(*) from match_events where type = 'offer.proposed'") > 0);
            // a hold is the claim window, or shorter when the offer's escalation comes first (contract, section 4)
            assertThat(live.db.strings("select max(hold_until - at)::text from match_events where type = 'offer.proposed'"))
                    .as("the longest hold: -D match.claim-window").containsExactly("00:00:01.234");
        }
    }

    /** Runs bin/pangan against this test's services; returns its standard output. */
    private String pangan(LiveFixture live, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(top.resolve("bin/pangan").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("PANGAN_PG_URL", live.db.url());
        pb.environment().put("PANGAN_PG_USER", LiveFixture.JOB_USER);
        pb.environment().put("PANGAN_NATS_URL", live.natsConnection.servers());
        pb.environment().put("PANGAN_JAVA_OPTS", "-Xmx512m");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pangan " + args + " failed:\n" + out + err);
        }
        return out;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(Map.of("PANGAN_CLUSTER_DIR", clusterDir.toString(), "FLINK_REST_PORT", Integer.toString(restPort)));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed:\n" + out);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
