package id.pahlawanpangan.live;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.pipeline.MatchingJob;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.pipeline.Uids;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live job: JetStream in, PostGIS and JetStream out. Before it starts, the streams are
 * brought to the project's configuration (and the output stream's duplicate window checked) and
 * the partitions of the coming months made ready by the schema's owner (the job's own login,
 * a member of pangan_job, cannot create tables; it is refused if it is a superuser).
 */
public final class LiveJob {
    private final Configuration config;
    private final NatsConnection nats;
    private final PostgisConnection postgis;
    private final String natsPropertiesFile;
    private final Subjects subjects;

    public LiveJob(Configuration config, NatsConnection nats, PostgisConnection postgis, String natsPropertiesFile) {
        this.subjects = new Subjects(config.get(LiveOptions.NAMESPACE));
        this.config = scopedToNamespace(config, subjects.namespace());
        this.nats = nats;
        this.postgis = postgis;
        this.natsPropertiesFile = natsPropertiesFile;
    }

    /**
     * Checkpoints and savepoints go under the namespace: a savepoint of one deployment's job
     * (another namespace's streams) must never be taken for this one's.
     */
    private static Configuration scopedToNamespace(Configuration config, String namespace) {
        Configuration scoped = new Configuration(config);
        for (var option : List.of(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CheckpointingOptions.SAVEPOINT_DIRECTORY)) {
            String dir = config.get(option);
            if (dir != null && !dir.endsWith("/" + namespace)) {
                scoped.set(option, dir.replaceAll("/+$", "") + "/" + namespace);
            }
        }
        return scoped;
    }

    /** The configuration the job runs with (directories scoped to the namespace). */
    public Configuration configuration() {
        return config;
    }

    public Subjects subjects() {
        return subjects;
    }

    /**
     * Creates or updates the streams as the connected NATS user: for local runs and tests. A
     * deployment's job user may not; its operator runs {@code pangan streams} as an admin.
     */
    public List<String> createStreams() throws Exception {
        try (Connection connection = nats.connect("pangan-streams")) {
            return PanganStreams.ensureAll(connection, subjects, StreamLimits.of(config));
        }
    }

    /**
     * Checks, with the job's own rights only, that the services are ready: fails with the reason
     * (a missing stream, a missing permission, a server that would refuse a dead letter, a
     * PostgreSQL superuser login).
     */
    public void prepareServices() throws Exception {
        int maxPayloadBytes = config.get(MatchingOptions.MAX_PAYLOAD_BYTES);
        try (Connection connection = nats.connect("pangan-prepare")) {
            PanganStreams.requireAll(connection, subjects);
            DeadLetterSize.requireRoom(maxPayloadBytes, connection.getServerInfo().getMaxPayload());
        }
        Schema schema = new Schema(postgis);
        try {
            if (schema.connectsAsSuperuser()) {
                throw new IllegalStateException("PostGIS at " + postgis.url() + ": the job refuses to write as the superuser " + postgis.user()
                        + "; give it a login of the role pangan_job (bin/pangan db --grant-login USER --role job, then PANGAN_PG_USER=USER)");
            }
            schema.preparePartitions();
        } catch (SQLException e) {
            throw new IllegalStateException("PostGIS at " + postgis.url() + " is not ready for " + postgis.user() + " (migrate it with `bin/pangan db`;"
                    + " the job's user must be a login of the role pangan_job: `bin/pangan db --grant-login " + postgis.user() + " --role job`): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Watermarks are made this often unless configured: a decision waits for the watermark, so
     * Flink's default 200 ms would add up to that much to every first proposal.
     */
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(50);
    /**
     * Network buffers are sent when full or this old, unless configured. A decision crosses four
     * network hops (sources, validation, directory, cell, sinks) and the watermark that releases
     * it crosses them too: Flink's default 100 ms added about 240 ms to a quiet stream's first
     * proposal here (docs/BENCHMARKS.md); 10 ms costs little CPU.
     */
    static final Duration BUFFER_TIMEOUT = Duration.ofMillis(10);

    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        wire(env);
        return env.executeAsync(MatchingJob.NAME);
    }

    /** Adds the live job's operators to the environment, every one with its uid (none is generated). */
    public void wire(StreamExecutionEnvironment env) {
        Uids.required(env);
        if (!config.contains(PipelineOptions.AUTO_WATERMARK_INTERVAL)) {
            env.getConfig().setAutoWatermarkInterval(WATERMARK_INTERVAL.toMillis());
        }
        if (!config.contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            env.setBufferTimeout(BUFFER_TIMEOUT.toMillis());
        }
        new MatchingJob(config, new JetStreamInput(nats, subjects, natsPropertiesFile, config.get(MatchingOptions.PROGRESS_INTERVAL)), new LiveOutput(postgis, nats, subjects)).wire(env);
    }

    /** Stops the job with a savepoint in the configured savepoint directory; returns its path. */
    public String stopWithSavepoint(JobClient job, Duration timeout) throws Exception {
        String dir = config.get(CheckpointingOptions.SAVEPOINT_DIRECTORY);
        return job.stopWithSavepoint(false, dir, SavepointFormatType.CANONICAL).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest savepoint (or retained checkpoint) of earlier runs on this machine, if any. */
    public static Optional<String> latestLocalSnapshot(Configuration config) throws IOException {
        Optional<Path> newest = Optional.empty();
        for (String dir : new String[] {config.get(CheckpointingOptions.SAVEPOINT_DIRECTORY), config.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)}) {
            if (dir == null || !dir.startsWith("file:")) {
                continue;
            }
            Path root = Path.of(java.net.URI.create(dir));
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> found = Files.walk(root, 3)) {
                List<Path> metadata = found.filter(p -> p.getFileName().toString().equals("_metadata")).toList();
                for (Path m : metadata) {
                    if (newest.isEmpty() || Files.getLastModifiedTime(m).compareTo(Files.getLastModifiedTime(newest.get().resolve("_metadata"))) > 0) {
                        newest = Optional.of(m.getParent());
                    }
                }
            }
        }
        return newest.map(p -> p.toUri().toString());
    }
}
