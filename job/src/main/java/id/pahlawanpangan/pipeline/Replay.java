package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the matching job over a bounded replay file and gathers every output event. When the file
 * ends, the watermark jumps to the end of time, so every pending timer fires: holds end, offers
 * expire. The output is returned in {@link MatchEvent#DECISION_ORDER}, so the same input always
 * gives the same list, whatever the parallelism.
 */
public final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private Replay() {}

    /** The settings a replay runs with unless told otherwise: those of the production job. */
    public static Configuration defaults() {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        // RocksDB for state, the heap for timers: 2.6-3.4x faster here (shared/FACTS.md)
        config.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        // as the production job (flink-conf): most point reads miss, which a Bloom filter answers at once
        config.setString("state.backend.rocksdb.use-bloom-filter", "true");
        config.set(PipelineOptions.GENERIC_TYPES, false);
        // an embedded cluster gets 128 MB of managed memory unless told: too little for RocksDB's
        // memtables, whose constant flushing made a day's replay 7x slower
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        // the output files are committed at checkpoints, the last one when the input ends
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(30));
        // file source, state and file sink are all checkpointed: a restart resumes exactly once
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "3");
        config.setString("restart-strategy.fixed-delay.delay", "1 s");
        return config;
    }

    public static List<MatchEvent> run(StreamExecutionEnvironment env, Configuration config, Path input) throws Exception {
        Path workDir = Files.createTempDirectory("pangan-replay-");
        try {
            Configuration storage = new Configuration();
            storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, workDir.resolve("checkpoints").toUri().toString());
            env.configure(storage);
            ReplayOutput output = new ReplayOutput(workDir.resolve("output"));
            wire(env, config, input, output);
            env.execute(MatchingJob.NAME + " (replay of " + input.getFileName() + ")");
            return output.collect();
        } finally {
            deleteWorkDir(workDir);
        }
    }

    /** Adds the replay's operators to the environment, every one with its uid (none is generated). */
    static void wire(StreamExecutionEnvironment env, Configuration config, Path input, ReplayOutput output) {
        Uids.required(env);
        new MatchingJob(config, new ReplayInput(input), output).wire(env);
    }

    public static void write(List<MatchEvent> events, Path output) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (MatchEvent e : events) {
                w.write(MatchEventJson.write(e));
                w.write('\n');
            }
        }
    }

    /**
     * The job's result comes back before the cluster has finished discarding its checkpoints, so
     * files vanish while the directory is deleted: Flink's own deletion tolerates that. Whatever
     * is left must not cost the caller the decisions already read.
     */
    private static void deleteWorkDir(Path dir) {
        try {
            FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException e) {
            LOG.warn("could not delete the replay's work directory {}", dir, e);
        }
    }
}
