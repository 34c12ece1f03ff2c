package id.pahlawanpangan.connectors.nats;

import id.pahlawanpangan.connectors.nats.committer.JetStreamCommitter;
import id.pahlawanpangan.connectors.nats.writer.JetStreamWriter;
import id.pahlawanpangan.connectors.nats.writer.PublishPolicy;
import io.nats.client.Connection;
import io.nats.client.JetStream;
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
 * An exactly-once JetStream sink that keeps the order of each ordering key (an offer's events).
 * Every message carries a {@code Nats-Msg-Id} that its record determines; the writer publishes
 * asynchronously, never has two messages of one key unacknowledged at once, retries a message
 * whose acknowledgement fails in place (same id, before anything later of its key), and settles
 * every message before a checkpoint completes ({@link JetStreamWriter}). After a failure, the job
 * replays from its last checkpoint and republishes the same messages with the same ids in the same
 * order, and JetStream drops the copies it already holds, as long as the replay falls within the
 * stream's duplicate window: the window must be longer than the longest recovery (see
 * {@link Builder#exactlyOnce}).
 *
 * <p>The committer stays, with its committable serializer, so that checkpoints and savepoints of
 * earlier builds (whose writer left unacknowledged messages to it) still restore and have their
 * messages published; removing it would change the sink's operators and refuse those states.
 */
public final class JetStreamSink<T> implements Sink<T>, SupportsCommitter<JetStreamCommittable> {
    private static final long serialVersionUID = 1L;

    private final NatsConnection connection;
    private final JetStreamRecordSerializer<T> serializer;
    private final PublishPolicy policy;
    private final int committerRetries;

    private JetStreamSink(Builder<T> b) {
        this.connection = b.connection;
        this.serializer = b.serializer;
        this.policy = new PublishPolicy(b.ackTimeout, b.maxInFlight, b.retryWindow, b.maxAttempts);
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
        String name = "pangan-jetstream-sink-" + subtask;
        try {
            Connection nats = connection.connect(name);
            JetStream jetStream;
            try {
                jetStream = nats.jetStream();
            } catch (IOException | RuntimeException e) {
                nats.close();
                throw e;
            }
            return new JetStreamWriter<>(name, serializer, policy, record -> Publishing.publishAsync(jetStream, record), nats, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + connection, e);
        }
    }

    @Override
    public Committer<JetStreamCommittable> createCommitter(CommitterInitContext context) {
        return JetStreamCommitter.connectingTo(connection, committerRetries);
    }

    @Override
    public SimpleVersionedSerializer<JetStreamCommittable> getCommittableSerializer() {
        return new JetStreamCommittableSerializer();
    }

    /** Builds the sink; the guarantee is chosen explicitly and checked. */
    public static final class Builder<T> {
        private NatsConnection connection;
        private JetStreamRecordSerializer<T> serializer;
        private Duration ackTimeout = PublishPolicy.DEFAULT_ACK_TIMEOUT;
        private int maxInFlight = PublishPolicy.DEFAULT_MAX_IN_FLIGHT;
        private Duration retryWindow = PublishPolicy.DEFAULT_RETRY_WINDOW;
        private int maxAttempts = PublishPolicy.DEFAULT_MAX_ATTEMPTS;
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

        /** How long one attempt at a message waits for its acknowledgement before the message is published again. */
        public Builder<T> ackTimeout(Duration timeout) {
            this.ackTimeout = timeout;
            return this;
        }

        /** Acknowledgements outstanding at most; beyond it, writing waits (back-pressure). */
        public Builder<T> maxInFlight(int max) {
            this.maxInFlight = max;
            return this;
        }

        /**
         * How long a message is retried while the server says nothing (counted from the last
         * acknowledgement), and how many attempts it gets at most; then the task fails and
         * restarts from its last checkpoint. The window plus one ack timeout and 2 s must stay
         * inside the checkpoint timeout, which waits for it ({@link PublishPolicy}).
         */
        public Builder<T> retryFor(Duration window, int attempts) {
            this.retryWindow = window;
            this.maxAttempts = attempts;
            return this;
        }

        /** Attempts of the committer at a message of an earlier build's checkpoint while the server is unreachable. */
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
            try {
                new PublishPolicy(ackTimeout, maxInFlight, retryWindow, maxAttempts);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return new JetStreamSink<>(this);
        }
    }
}
