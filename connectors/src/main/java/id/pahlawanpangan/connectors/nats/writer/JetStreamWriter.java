package id.pahlawanpangan.connectors.nats.writer;

import id.pahlawanpangan.connectors.nats.JetStreamCommittable;
import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.JetStreamRecordSerializer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes asynchronously, with at most {@code maxInFlight} acknowledgements outstanding, and
 * waits for all of them when a checkpoint is taken. A message not acknowledged by then (the
 * server restarting, say) becomes a committable: the committer publishes it again after the
 * checkpoint, and JetStream's de-duplication keeps one copy.
 *
 * <p>A message refused for what it is (larger than the server takes, or than the stream takes)
 * would be refused again after every failover: it is logged with its id, counted
 * ({@code recordsRefused}) and left out, and the other messages go on. A server that does not
 * answer is not the message's fault: that is the committer's and the checkpoint's business.
 */
public final class JetStreamWriter<T> implements CommittingSinkWriter<T, JetStreamCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamWriter.class);
    private final Connection connection;
    private final JetStream jetStream;
    private final JetStreamRecordSerializer<T> serializer;
    private final Duration ackTimeout;
    private final int maxInFlight;
    private final BiFunction<JetStream, JetStreamRecord, CompletableFuture<PublishAck>> publisher;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final List<JetStreamCommittable> unacknowledged = new ArrayList<>();
    private final Counter published;
    private final Counter retriedAfterCheckpoint;
    private final Counter refused;

    public JetStreamWriter(Connection connection, JetStreamRecordSerializer<T> serializer, Duration ackTimeout, int maxInFlight,
                           BiFunction<JetStream, JetStreamRecord, CompletableFuture<PublishAck>> publisher,
                           SinkWriterMetricGroup metrics) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.serializer = serializer;
        this.ackTimeout = ackTimeout;
        this.maxInFlight = maxInFlight;
        this.publisher = publisher;
        this.published = metrics.getNumRecordsSendCounter();
        this.retriedAfterCheckpoint = metrics.counter("messagesRetriedAfterCheckpoint");
        this.refused = metrics.counter("recordsRefused");
    }

    @Override
    public void write(T element, Context context) throws InterruptedException {
        JetStreamRecord record = serializer.serialize(element);
        while (inFlight.size() >= maxInFlight) {
            settle(inFlight.poll());
        }
        CompletableFuture<PublishAck> ack;
        try {
            ack = publisher.apply(jetStream, record);
        } catch (IllegalArgumentException tooLarge) {
            // jnats refuses, before sending, a message over the server's max_payload
            refuse(record, tooLarge.getMessage());
            return;
        }
        inFlight.add(new InFlight(record, ack));
    }

    private void refuse(JetStreamRecord record, String why) {
        refused.inc();
        LOG.error("JetStream refused message {} on {} ({} bytes) for what it is: {}. It is left out of the output stream and counted "
                + "(recordsRefused)", record.messageId(), record.subject(), record.payload().length, why);
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        while (!inFlight.isEmpty()) {
            settle(inFlight.poll());
        }
    }

    @Override
    public Collection<JetStreamCommittable> prepareCommit() throws InterruptedException {
        flush(false);
        List<JetStreamCommittable> toRetry = new ArrayList<>(unacknowledged);
        retriedAfterCheckpoint.inc(toRetry.size());
        unacknowledged.clear();
        return toRetry;
    }

    private void settle(InFlight message) throws InterruptedException {
        try {
            message.ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            published.inc();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JetStreamApiException && isRecordFault((JetStreamApiException) e.getCause())) {
                refuse(message.record, e.getCause().getMessage());
            } else {
                unacknowledged.add(new JetStreamCommittable(message.record));
            }
        } catch (TimeoutException e) {
            // not acknowledged (yet): hand it to the committer rather than fail the checkpoint
            unacknowledged.add(new JetStreamCommittable(message.record));
        }
    }

    /** The stream's own limits on one message: its size, or its subject's message count when it discards new ones. */
    static boolean isRecordFault(JetStreamApiException e) {
        return e.getApiErrorCode() == MESSAGE_TOO_LARGE || e.getApiErrorCode() == SUBJECT_FULL;
    }

    static final int MESSAGE_TOO_LARGE = 10054;
    static final int SUBJECT_FULL = 10077;

    @Override
    public void close() throws Exception {
        connection.close();
    }

    private static final class InFlight {
        final JetStreamRecord record;
        final CompletableFuture<PublishAck> ack;

        InFlight(JetStreamRecord record, CompletableFuture<PublishAck> ack) {
            this.record = record;
            this.ack = ack;
        }
    }
}
