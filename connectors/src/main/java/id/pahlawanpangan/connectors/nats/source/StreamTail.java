package id.pahlawanpangan.connectors.nats.source;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a JetStream stream ends — its last sequence — asked again and again on a thread of its
 * own, so that the source's task thread never waits on NATS (a slow answer must not delay a
 * checkpoint or the records behind it).
 *
 * <p>Each answer is a {@link Reading}: the last sequence, and the local time just before the
 * question was sent. The server answered after that time, so every message it stores after the
 * answer is stamped later than it (with the job's and the server's clocks in agreement).
 */
final class StreamTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTail.class);
    private static final long WARN_EVERY_MS = 60_000;

    /** One answer about the stream. */
    static final class Reading {
        final long lastSequence;
        /** The local wall-clock time just before the question was sent. */
        final long askedAt;

        Reading(long lastSequence, long askedAt) {
            this.lastSequence = lastSequence;
            this.askedAt = askedAt;
        }
    }

    private final String stream;
    private final JetStreamConnector connector;
    private final long intervalMs;
    private final LongSupplier clock;
    private final ScheduledExecutorService thread;

    private volatile Reading latest;
    private volatile CompletableFuture<Void> nextReading = new CompletableFuture<>();
    /** Only touched on the tail's own thread. */
    private JetStreamConnection connection;
    private JetStreamManagement management;
    private long lastWarnedAt = Long.MIN_VALUE;
    private long failedSinceWarning;

    StreamTail(String stream, JetStreamConnector connector, Duration interval, LongSupplier clock) {
        this.stream = stream;
        this.connector = connector;
        this.intervalMs = Math.max(1, interval.toMillis());
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pangan-stream-tail-" + stream);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.scheduleWithFixedDelay(this::ask, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** The newest answer, or null before the first. */
    Reading latest() {
        return latest;
    }

    /** Completes when an answer newer than the current one is there. */
    CompletableFuture<Void> nextReading() {
        return nextReading;
    }

    private void ask() {
        try {
            if (connection == null || connection.connection().getStatus() != Connection.Status.CONNECTED) {
                closeConnection();
                connection = connector.connect();
                management = connection.management();
            }
            long askedAt = clock.getAsLong();
            long last = management.getStreamInfo(stream).getStreamState().getLastSequence();
            latest = new Reading(last, askedAt);
            CompletableFuture<Void> answered = nextReading;
            nextReading = new CompletableFuture<>();
            answered.complete(null);
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing
            }
            // the source goes on reading; without answers its stream holds event time back
            failedSinceWarning++;
            long now = clock.getAsLong();
            if (now - lastWarnedAt >= WARN_EVERY_MS) {
                LOG.warn("cannot ask JetStream where stream {} ends ({} failed attempts since the last warning): {}",
                        stream, failedSinceWarning, e.toString());
                lastWarnedAt = now;
                failedSinceWarning = 0;
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.connection().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection = null;
            management = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("the stream-tail thread of {} did not stop within 10 s", stream);
        }
        closeConnection();
    }
}
