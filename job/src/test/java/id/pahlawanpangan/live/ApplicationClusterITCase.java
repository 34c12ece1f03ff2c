package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.pahlawanpangan.live.FlinkJvm.Role;
import id.pahlawanpangan.pipeline.MatchingJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The job as the Flink Kubernetes Operator runs it (k8s/base/flinkdeployment.yaml): a cluster in
 * application mode, a JobManager JVM whose entry point runs the FlinkDeployment's
 * {@code entryClass} and {@code args} from the job jar at its {@code jarURI} in {@code usrlib/},
 * and a TaskManager JVM, both with nothing but Flink on their classpath ({@link FlinkHome}). The
 * job's settings are in the cluster's {@code config.yaml}, where the operator writes
 * {@code flinkConfiguration}; the services' addresses and the job's login are in the environment,
 * as the pod template gives them; the streams and the database were prepared beforehand by an
 * administrator (the fixture), and the job only checks them, with its own rights.
 *
 * <p>The JobManager's entry point is the standalone one (a Flink image's {@code standalone-job});
 * the operator's native mode starts {@code KubernetesApplicationClusterEntrypoint}, which needs a
 * Kubernetes API. Both are Flink's {@code ApplicationClusterEntryPoint}: the program found from the
 * jar's URI and {@code usrlib/}, its {@code main} run in the JobManager.
 */
class ApplicationClusterITCase {
    /** An unusual claim window: seen in the holds, it can only have come from config.yaml. */
    private static final String CLAIM_WINDOW = "1234 ms";
    /** What {@code run} prints just before {@code main} returns to the JobManager (RunCommand). */
    private static final Pattern MAIN_RETURNS = Pattern.compile("run: job ([0-9a-f]{32}) started \\(submitted\\)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LiveFixture live;
    private static FlinkJvm jobManager;
    private static FlinkJvm taskManager;
    private static int restPort;
    /** The day being published. */
    private static CompletableFuture<Void> publishing;

    @BeforeAll
    static void startApplicationCluster() throws Exception {
        Path top = Path.of("").toAbsolutePath().getParent();
        DeployedJob deployed = DeployedJob.read(top.resolve("k8s/base/flinkdeployment.yaml"));
        live = new LiveFixture();
        FlinkHome home = FlinkHome.create(Files.createDirectories(top.resolve("job/target/application-cluster-it").resolve(live.subjects.namespace())), top);
        Path jar = home.dir.resolve(deployed.pathInFlinkHome());
        Files.copy(top.resolve("job/target/pangan-job.jar"), jar);

        LiveDay day = LiveDay.generate(60, 20, 17, Duration.ofSeconds(20), Duration.ofSeconds(5));
        Map<String, String> settings = new LinkedHashMap<>(day.settings);
        settings.put("match.claim-window", CLAIM_WINDOW);
        settings.put("nats.namespace", live.subjects.namespace());
        // the FlinkDeployment's job.parallelism, which the operator sets as parallelism.default
        settings.put("parallelism.default", "2");
        home.configure(top.resolve("flink-conf/config.yaml"), settings);

        // this cluster's own: loopback, free ports (beside other tests' clusters), its directories
        restPort = PrivateServers.freePort();
        Map<String, String> cluster = new LinkedHashMap<>();
        cluster.put("jobmanager.rpc.address", "127.0.0.1");
        cluster.put("jobmanager.rpc.port", Integer.toString(PrivateServers.freePort()));
        cluster.put("jobmanager.bind-host", "127.0.0.1");
        cluster.put("rest.address", "127.0.0.1");
        cluster.put("rest.bind-address", "127.0.0.1");
        cluster.put("rest.port", Integer.toString(restPort));
        cluster.put("blob.server.port", Integer.toString(PrivateServers.freePort()));
        cluster.put("taskmanager.host", "127.0.0.1");
        cluster.put("taskmanager.bind-host", "127.0.0.1");
        cluster.put("taskmanager.rpc.port", "0");
        cluster.put("taskmanager.numberOfTaskSlots", "2");
        cluster.put("jobmanager.memory.process.size", "1200m");
        cluster.put("taskmanager.memory.process.size", "1600m");
        cluster.put("taskmanager.memory.managed.size", "256m");
        cluster.put("io.tmp.dirs", Files.createDirectories(home.dir.resolve("tmp")).toString());
        cluster.put("web.tmpdir", home.dir.resolve("tmp").toString());
        cluster.put("user.artifacts.base-dir", home.dir.resolve("artifacts").toString());
        cluster.put("execution.checkpointing.dir", home.dir.resolve("checkpoints").toUri().toString());
        cluster.put("execution.checkpointing.savepoint-dir", home.dir.resolve("savepoints").toUri().toString());
        // the JetStream sink publishes at checkpoints: every second keeps the test short
        cluster.put("execution.checkpointing.interval", "1 s");
        Map<String, String> services = Map.of("PANGAN_PG_URL", live.db.url(), "PANGAN_PG_USER", LiveFixture.JOB_USER,
                "PANGAN_NATS_URL", live.natsConnection.servers());

        // what the operator hands the entry point (in native mode as pipeline.jars and the like): the
        // jarURI, the entry class, the args; --jars takes every value up to the next option, so the
        // program's arguments come after --job-classname
        List<String> application = new ArrayList<>(List.of("--jars", "local://" + jar, "--job-classname", deployed.entryClass()));
        application.addAll(deployed.args());
        jobManager = FlinkJvm.start(home, "jobmanager", Role.JOB_MANAGER, StandaloneApplicationClusterEntryPoint.class.getName(),
                withPrometheusPort(cluster), application, services);
        taskManager = FlinkJvm.start(home, "taskmanager", Role.TASK_MANAGER, TaskManagerRunner.class.getName(),
                withPrometheusPort(cluster), List.of(), services);
        // the day goes on while the cluster starts: the job reads its streams from their start
        publishing = live.playInBackground(day, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopApplicationCluster() throws Exception {
        // closed in reverse order: the JobManager (the job ends with it), the TaskManager, then the test's streams and database
        try (LiveFixture services = live; FlinkJvm tm = taskManager; FlinkJvm jm = jobManager) {
            // FlinkJvm.close fails if its JVM does not end: none is left behind
        }
    }

    /**
     * The JobManager runs the program's {@code main}, which submits the job and returns; the
     * JobManager stays, runs the job and answers on its REST API, as application mode needs (a
     * {@code main} that exited its JVM would take the JobManager down with it).
     */
    @Test
    void theJobManagerRunsTheDeploymentsProgramAndOutlivesItsMain() throws Exception {
        String jobId = awaitMainReturned();
        JsonNode job = awaitJobRunning();
        assertThat(job.get("jid").asText()).as("the job main submitted").isEqualTo(jobId);
        assertThat(job.get("name").asText()).isEqualTo(MatchingJob.NAME);
        assertThat(jobManager.isAlive()).as(jobManager::describe).isTrue();
        assertThat(rest("/overview").get("taskmanagers").asInt()).as("TaskManagers registered").isEqualTo(1);
    }

    /**
     * The job's settings in the cluster's config.yaml are the job's: the claim window in every
     * proposal's hold, the namespace in where it reads and writes. Its decisions reach PostGIS
     * and the namespace's output stream alike.
     */
    @Test
    void theClustersConfigurationIsTheJobsAndItsDecisionsReachBothSinks() throws Exception {
        awaitMainReturned();
        awaitJobRunning();
        whileTheJobManagerRuns("the day published").atMost(Duration.ofMinutes(1)).until(publishing::isDone);
        publishing.join();
        String longestHold = "select max(hold_until - at)::text from match_events where type = 'offer.proposed'";
        // a hold is the claim window, or shorter when the offer's escalation comes first (contract, section 4)
        whileTheJobManagerRuns("a proposal holding for the whole claim window").atMost(Duration.ofMinutes(1))
                .untilAsserted(() -> assertThat(live.db.strings(longestHold)).containsExactly("00:00:01.234"));
        LiveFixture.awaitSettled("decisions", () -> live.db.count("select count(*) from match_events"));
        assertThat(live.db.strings(longestHold)).as("the longest hold: config.yaml's match.claim-window").containsExactly("00:00:01.234");

        // the JetStream sink publishes at checkpoints: the output stream catches up with PostGIS
        whileTheJobManagerRuns("the namespace's output stream, caught up").atMost(Duration.ofMinutes(1))
                .until(() -> live.outputStreamCount() == live.db.count("select count(*) from match_events"));
        List<String[]> messages = live.outputMessages();
        assertThat(messages.stream().map(m -> LiveFixture.normalized(m[1])).toList()).as("the output stream " + live.subjects.outputStream())
                .isNotEmpty().containsExactlyInAnyOrderElementsOf(live.postgisEvents());
        List<String> ids = messages.stream().map(m -> m[0]).toList();
        assertThat(new HashSet<>(ids)).as("no duplicate Nats-Msg-Id").hasSameSizeAs(ids);

        assertThat(jobManager.isAlive()).as(jobManager::describe).isTrue();
        assertThat(awaitJobRunning().get("jid").asText()).as("the same job, still running").isEqualTo(awaitMainReturned());
    }

    /** Waits for {@code main} to return in the JobManager; the id of the job it submitted. */
    private static String awaitMainReturned() throws IOException {
        // main returns about 40 s after the JVMs start here, and over a minute later when other builds load the machine
        whileTheJobManagerRuns("main returned").atMost(Duration.ofMinutes(3)).until(() -> MAIN_RETURNS.matcher(jobManager.output()).find());
        Matcher started = MAIN_RETURNS.matcher(jobManager.output());
        assertThat(started.find()).isTrue();
        return started.group(1);
    }

    /** Waits until the cluster's one job and every task of it are running; the job's overview. */
    private static JsonNode awaitJobRunning() {
        JsonNode[] job = new JsonNode[1];
        whileTheJobManagerRuns("the job and its tasks running").atMost(Duration.ofMinutes(2)).ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> {
                    JsonNode jobs = rest("/jobs/overview").get("jobs");
                    assertThat(jobs).as("the jobs of an application cluster").hasSize(1);
                    job[0] = jobs.get(0);
                    assertThat(job[0].get("state").asText()).isEqualTo("RUNNING");
                    assertThat(job[0].get("tasks").get("running").asInt()).as("tasks running").isEqualTo(job[0].get("tasks").get("total").asInt());
                });
        return job[0];
    }

    /** An await that fails at once, with the JobManager's output, if the JobManager exits. */
    private static ConditionFactory whileTheJobManagerRuns(String what) {
        return await(what).failFast(() -> {
            assertThat(jobManager.isAlive()).as(jobManager::describe).isTrue();
        });
    }

    private static JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Each JVM's Prometheus endpoint on a port of its own. */
    private static Map<String, String> withPrometheusPort(Map<String, String> cluster) throws IOException {
        Map<String, String> jvm = new LinkedHashMap<>(cluster);
        jvm.put("metrics.reporter.prom.port", Integer.toString(PrivateServers.freePort()));
        return jvm;
    }

    /** What the FlinkDeployment gives the operator to run: the job jar's URI, the entry class and its arguments. */
    private record DeployedJob(String jarUri, String entryClass, List<String> args) {
        /** Where the operator's image is installed (FLINK_HOME). */
        private static final String IMAGE_FLINK_HOME = "local:///opt/flink/";

        @SuppressWarnings("unchecked")
        static DeployedJob read(Path flinkDeployment) throws IOException {
            Map<String, Object> deployment = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(flinkDeployment));
            Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("job");
            return new DeployedJob((String) job.get("jarURI"), (String) job.get("entryClass"),
                    ((List<Object>) job.get("args")).stream().map(String::valueOf).toList());
        }

        /** The jar's place in a Flink installation (usrlib/...). */
        Path pathInFlinkHome() {
            assertThat(jarUri).as("the FlinkDeployment's jarURI: a jar in the image's Flink installation").startsWith(IMAGE_FLINK_HOME);
            return Path.of(jarUri.substring(IMAGE_FLINK_HOME.length()));
        }
    }
}
