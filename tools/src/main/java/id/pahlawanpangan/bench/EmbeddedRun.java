package id.pahlawanpangan.bench;

import id.pahlawanpangan.pipeline.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job on an embedded cluster with the engine's settings, its {@code env.execute} timed by the
 * wall clock and by this JVM's CPU. Every engine benchmark runs this way, so their figures can be
 * set against each other.
 */
final class EmbeddedRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRun.class);

    /** What a timed run gives back. */
    record Timed(JobExecutionResult result, double wallSeconds, double cpuSeconds) {}

    private final Configuration config;
    private final Path checkpoints;
    private final StreamExecutionEnvironment env;

    EmbeddedRun(int parallelism) throws IOException {
        this.config = settings();
        this.checkpoints = Files.createTempDirectory("pangan-bench-checkpoints-");
        Configuration c = new Configuration(config);
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        this.env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, c);
    }

    /**
     * The replay's settings ({@link Replay#defaults()}: RocksDB state, heap timers, 512 MB of
     * managed memory, no generic types) with checkpoints every 10 s, as the live job takes them.
     * A bounded job that waited for one more checkpoint after its input ended would count up to
     * 10 s of idling: it ends without (nothing it writes is committed at checkpoints).
     */
    static Configuration settings() {
        Configuration config = new Configuration(Replay.defaults());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        config.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
        return config;
    }

    Configuration config() {
        return config;
    }

    StreamExecutionEnvironment env() {
        return env;
    }

    /** Runs the job wired into {@link #env()}; garbage of earlier runs is collected first, outside the timing. */
    Timed execute(String jobName) throws Exception {
        System.gc();
        double cpu = JvmCpu.seconds();
        long start = System.nanoTime();
        JobExecutionResult result = env.execute(jobName);
        double wall = (System.nanoTime() - start) / 1e9;
        return new Timed(result, wall, JvmCpu.seconds() - cpu);
    }

    @Override
    public void close() {
        try {
            FileUtils.deleteDirectory(checkpoints.toFile());
        } catch (IOException e) {
            // the cluster may still be discarding its last checkpoint: what is left is only disk space
            LOG.warn("could not delete the benchmark's checkpoints {}", checkpoints, e);
        }
    }
}
