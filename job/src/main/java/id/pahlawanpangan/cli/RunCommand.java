package id.pahlawanpangan.cli;

import id.pahlawanpangan.live.LiveJob;
import id.pahlawanpangan.pipeline.MatchingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The live job. Under {@code flink run} it is submitted to that cluster; from {@code bin/pangan}
 * it runs on an embedded cluster configured by {@code flink-conf/}, resumes from the newest
 * savepoint or retained checkpoint of an earlier run, and stops with a savepoint on Ctrl-C.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the matching job on its live input (NATS JetStream) and output (PostGIS, JetStream).")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--flink-conf", description = "Directory of config.yaml (default: $PANGAN_FLINK_CONF).")
    Path flinkConf;

    @Option(names = "--parallelism", description = "Parallelism (default: the configuration's, or 2 on the embedded cluster).")
    Integer parallelism;

    @Option(names = "--set", description = "A setting, key=value (repeatable).")
    Map<String, String> settings;

    @Option(names = "--fresh", description = "On the embedded cluster: do not resume from an earlier run.")
    boolean fresh;

    @Option(names = "--jobmanager", description = "Submit to this Flink cluster's REST address (host:port) instead of an embedded cluster.")
    String jobManager;

    @Option(names = "--from-savepoint", description = "Start from this savepoint (or retained checkpoint).")
    String fromSavepoint;

    @Option(names = "--create-streams", negatable = true, description = "Create or update the JetStream streams first, as the connected NATS user "
            + "(default: on the embedded cluster only; on a real deployment an admin runs `pangan streams`, and the job's user may not).")
    Boolean createStreams;

    @Override
    public Integer call() throws Exception {
        // inside Flink: the cluster's configuration, -D and flinkConfiguration; --set on top
        Configuration loaded = FlinkSettings.apply(FlinkContext.baseConfiguration(flinkConf), settings);
        MatchingOptions.policy(loaded);
        MatchingOptions.cellGrid(loaded);
        LiveJob job = new LiveJob(loaded, services.nats(), services.postgis(), services.natsPropertiesFile());
        Configuration config = job.configuration();
        boolean local = jobManager == null
                && StreamExecutionEnvironment.getExecutionEnvironment(config) instanceof LocalStreamEnvironment;
        if (createStreams != null ? createStreams : local) {
            job.createStreams().forEach(line -> System.out.println("run: stream " + line));
        }
        job.prepareServices();

        if (fromSavepoint != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, fromSavepoint);
        }
        if (jobManager != null) {
            StreamExecutionEnvironment remote = new JobManagerAddress(jobManager).environment(config);
            if (parallelism != null) {
                remote.setParallelism(parallelism);
            }
            JobClient submitted = job.start(remote);
            System.out.printf("run: job %s submitted to %s%n", submitted.getJobID(), jobManager);
            return 0;
        }
        StreamExecutionEnvironment probe = StreamExecutionEnvironment.getExecutionEnvironment(config);
        boolean embedded = probe instanceof LocalStreamEnvironment;
        if (embedded && !fresh && !config.contains(StateRecoveryOptions.SAVEPOINT_PATH)) {
            LiveJob.latestLocalSnapshot(config).ifPresent(path -> {
                System.out.println("run: resuming from " + path);
                config.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
            });
        }
        StreamExecutionEnvironment env = embedded
                ? StreamExecutionEnvironment.createLocalEnvironment(parallelism != null ? parallelism : 2, config)
                : StreamExecutionEnvironment.getExecutionEnvironment(config);
        if (!embedded && parallelism != null) {
            env.setParallelism(parallelism);
        }
        JobClient client = job.start(env);
        System.out.printf("run: job %s started (%s); NATS %s, PostGIS %s%n", client.getJobID(),
                embedded ? "embedded cluster, Ctrl-C stops it with a savepoint" : "submitted", services.nats(), services.postgis().url());
        if (!embedded) {
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("run: stopping with a savepoint ...");
                System.out.println("run: savepoint " + job.stopWithSavepoint(client, Duration.ofMinutes(2)));
            } catch (Exception e) {
                System.err.println("run: could not stop with a savepoint (" + e.getMessage() + "); the last retained checkpoint resumes the next run");
            } finally {
                stopped.countDown();
            }
        }, "pangan-stop"));
        client.getJobExecutionResult().get();
        stopped.await();
        return 0;
    }
}
