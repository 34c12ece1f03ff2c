package id.pahlawanpangan.live;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.nats.source.GuardedJetStreamSource;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.pipeline.MatchingJob;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.pipeline.Uids;
import id.pahlawanpangan.time.InputTime;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The three input streams from JetStream: each a {@link GuardedJetStreamSource} whose position,
 * the stream sequence, is kept in Flink's checkpoints, so a restart resumes exactly where the
 * checkpoint was and replays the rest. What is the job's: the streams and subjects, and what a
 * message becomes ({@link NatsRawInputConverter}).
 */
public final class JetStreamInput implements MatchingJob.Input {
    /** Nothing delivered this long while the stream has newer messages: the consumer is taken as lost. */
    static final Duration STALL_AFTER = Duration.ofSeconds(10);

    private final NatsConnection nats;
    private final Subjects subjects;
    /** A NATS properties file (mounted secret) to connect with instead of {@link #nats}, or null. */
    private final String connectionPropertiesFile;
    private final Duration progressInterval;

    public JetStreamInput(NatsConnection nats, Subjects subjects, String connectionPropertiesFile, Duration progressInterval) {
        this.nats = nats;
        this.subjects = subjects;
        this.connectionPropertiesFile = connectionPropertiesFile;
        this.progressInterval = progressInterval;
    }

    @Override
    public DataStream<RawInput> open(StreamExecutionEnvironment env) {
        return stream(env, SourceStream.OFFERS, Uids.JETSTREAM_OFFERS)
                .union(stream(env, SourceStream.NGOS, Uids.JETSTREAM_NGOS), stream(env, SourceStream.CLAIMS, Uids.JETSTREAM_CLAIMS));
    }

    private DataStream<RawInput> stream(StreamExecutionEnvironment env, SourceStream stream, String uid) {
        String jetStream = subjects.inputStream(stream);
        GuardedJetStreamSource.Builder<RawInput> builder = GuardedJetStreamSource.<RawInput>builder()
                .stream(jetStream, subjects.inputPrefix(stream) + ".>")
                .records(new NatsRawInputConverter(stream))
                .stallAfter(STALL_AFTER)
                .progressInterval(progressInterval);
        if (connectionPropertiesFile != null) {
            builder.connectWithPropertiesFile(connectionPropertiesFile); // read on the TaskManager
        } else {
            // named, so that the server's connection list (connz) tells whose connection it is
            builder.connectWith(nats, "pangan-source-" + stream.name().toLowerCase(Locale.ROOT));
        }
        return env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "JetStream " + jetStream)
                .uid(uid).setParallelism(1);
    }

    @Override
    public WatermarkStrategy<InputEvent> watermarks(Configuration config) {
        return InputTime.forLive(config.get(MatchingOptions.OUT_OF_ORDERNESS).toMillis(),
                EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS),
                config.get(MatchingOptions.IDLE_AFTER).toMillis());
    }
}
