package id.pahlawanpangan.connectors.nats.writer;

import id.pahlawanpangan.connectors.nats.JetStreamCommittable;
import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.JetStreamRecordSerializer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
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

/**
 * Publishes asynchronously, with at most {@code maxInFlight} acknowledgements outstanding, and
 * waits for all of them when a checkpoint is taken. A message not acknowledged by then (the
 * server restarting, say) becomes a committable: the committer publishes it again after the
 * checkpoint, and JetStream's de-duplication keeps one copy.
 */
public final class JetStreamWriter<T> implements CommittingSinkWriter<T, JetStreamCommittable> {
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
    }

    @Override
    public void write(T element, Context context) throws InterruptedException {
        JetStreamRecord record = serializer.serialize(element);
        while (inFlight.size() >= maxInFlight) {
            settle(inFlight.poll());
        }
        inFlight.add(new InFlight(record, publisher.apply(jetStream, record)));
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
        } catch (ExecutionException | TimeoutException e) {
            // not acknowledged (yet): hand it to the committer rather than fail the checkpoint
            unacknowledged.add(new JetStreamCommittable(message.record));
        }
    }

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
