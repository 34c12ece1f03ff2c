package id.pahlawanpangan.connectors.nats;

import id.pahlawanpangan.connectors.nats.committer.JetStreamCommitter;
import id.pahlawanpangan.connectors.nats.writer.JetStreamWriter;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * An exactly-once JetStream sink. Every message carries a {@code Nats-Msg-Id} that its record
 * determines; the writer publishes asynchronously and collects the acknowledgements at each
 * checkpoint; what is unacknowledged then is published again by the committer. After a failure,
 * the job replays from its last checkpoint and republishes the same messages with the same ids,
 * and JetStream drops the copies it already holds, as long as the replay falls within the
 * stream's duplicate window: the window must be longer than the longest recovery (see
 * {@link Builder#duplicateWindowAtLeast}).
 */
public final class JetStreamSink<T> implements Sink<T>, SupportsCommitter<JetStreamCommittable> {
    private static final long serialVersionUID = 1L;

    private final NatsConnection connection;
    private final JetStreamRecordSerializer<T> serializer;
    private final Duration ackTimeout;
    private final int maxInFlight;
    private final int committerRetries;

    private JetStreamSink(Builder<T> b) {
        this.connection = b.connection;
        this.serializer = b.serializer;
        this.ackTimeout = b.ackTimeout;
        this.maxInFlight = b.maxInFlight;
        this.committerRetries = b.committerRetries;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return writer(context.metricGroup(), context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    @Deprecated
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        return writer(context.metricGroup(), context.getSubtaskId());
    }

    private JetStreamWriter<T> writer(SinkWriterMetricGroup metrics, int subtask) throws IOException {
        try {
            return new JetStreamWriter<>(connection.connect("pangan-jetstream-sink-" + subtask), serializer, ackTimeout, maxInFlight,
                    Publishing::publishAsync, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + connection, e);
        }
    }

    @Override
    public Committer<JetStreamCommittable> createCommitter(CommitterInitContext context) {
        return new JetStreamCommitter(connection, committerRetries);
    }

    @Override
    public SimpleVersionedSerializer<JetStreamCommittable> getCommittableSerializer() {
        return new JetStreamCommittableSerializer();
    }

    /** Builds the sink; the guarantee is chosen explicitly and checked. */
    public static final class Builder<T> {
        private NatsConnection connection;
        private JetStreamRecordSerializer<T> serializer;
        private Duration ackTimeout = Duration.ofSeconds(5);
        private int maxInFlight = 4096;
        private int committerRetries = 60;
        private boolean exactlyOnce;

        public Builder<T> connection(NatsConnection connection) {
            this.connection = connection;
            return this;
        }

        public Builder<T> serializer(JetStreamRecordSerializer<T> serializer) {
            this.serializer = serializer;
            return this;
        }

        /** How long the checkpoint waits for one acknowledgement before the committer takes over. */
        public Builder<T> ackTimeout(Duration timeout) {
            this.ackTimeout = timeout;
            return this;
        }

        /** Acknowledgements outstanding at most; beyond it, writing waits (back-pressure). */
        public Builder<T> maxInFlight(int max) {
            this.maxInFlight = max;
            return this;
        }

        /** Attempts of the committer at a message while the server is unreachable. */
        public Builder<T> committerRetries(int retries) {
            this.committerRetries = retries;
            return this;
        }

        /**
         * Exactly once: requires message ids that records determine (the serializer's job) and a
         * duplicate window on the target stream longer than the longest recovery; check it with
         * {@link JetStreamStreams#requireDuplicateWindow}.
         */
        public Builder<T> exactlyOnce() {
            this.exactlyOnce = true;
            return this;
        }

        public JetStreamSink<T> build() {
            if (connection == null || serializer == null) {
                throw new IllegalStateException("a JetStream sink needs a connection and a serializer");
            }
            if (!exactlyOnce) {
                throw new IllegalStateException("choose the guarantee explicitly: exactlyOnce() is the one this sink offers");
            }
            if (maxInFlight < 1 || ackTimeout.isNegative() || ackTimeout.isZero()) {
                throw new IllegalStateException("maxInFlight must be positive and the ack timeout longer than zero");
            }
            return new JetStreamSink<>(this);
        }
    }
}
