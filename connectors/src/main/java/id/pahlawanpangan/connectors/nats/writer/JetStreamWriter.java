package id.pahlawanpangan.connectors.nats.writer;

import id.pahlawanpangan.connectors.nats.JetStreamCommittable;
import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.JetStreamRecordSerializer;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes asynchronously, with at most {@code maxInFlight} acknowledgements outstanding, and
 * settles every message (acknowledged, or refused for what it is) before a checkpoint's barrier
 * passes: nothing is left for the committer, and {@link #prepareCommit} returns nothing.
 *
 * <p><b>Order.</b> Two messages of one ordering key (an offer) are never unacknowledged at once:
 * before a message is published, the previous one of its key is settled (messages of other keys
 * keep pipelining). A message whose acknowledgement fails for a reason that is not its own (a
 * timed-out request, which jnats completes with a {@link CancellationException}; a lost
 * connection; no answer within the ack timeout; an error of the server's API) is published again
 * <i>in place</i>, with the same message id, before anything later of its key: JetStream drops
 * the copy if an earlier one was stored. So the messages of a key that the stream holds are
 * always a prefix of the key's messages in write order, and each is stored before the next is
 * sent. Re-publishing a lost message after newer ones of its key (what a committer after the
 * checkpoint did) cannot repair the order: JetStream would keep the newer ones where they are.
 *
 * <p><b>Giving up.</b> A message is retried while the server has not been silent for the retry
 * window ({@link PublishPolicy}) and for at most {@code maxAttempts} attempts; then the writer
 * throws, naming the message. The task restarts from its last checkpoint and replays in order,
 * which keeps the order: at that checkpoint every earlier message was settled, and nothing of the
 * failed message's key was published after it, so the replay re-publishes the key's stored
 * prefix (dropped as duplicates within the stream's duplicate window) and goes on from there.
 *
 * <p><b>The trade-off.</b> Settling runs on the task thread, in {@code write}, {@code flush} and
 * {@code prepareCommit}: while NATS is away the task back-pressures and the checkpoint waits (for
 * at most {@link PublishPolicy#longestStall()}, which must stay inside the checkpoint timeout, or
 * the checkpoint expires and counts as failed). A key's messages cost one round trip each when
 * they follow each other closely. In exchange, order holds across lost connections, restarts of
 * NATS and of the task, and no message waits in Flink's state for a committer.
 *
 * <p><b>Refusals.</b> A message refused for what it is (larger than the server or the stream
 * takes; its subject full where the stream discards new messages) would be refused again after
 * every failover: it is logged with its id, counted ({@code recordsRefused}) and left out, and
 * the other messages go on.
 */
public final class JetStreamWriter<T> implements CommittingSinkWriter<T, JetStreamCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamWriter.class);

    static final int MESSAGE_TOO_LARGE = 10054;
    static final int SUBJECT_FULL = 10077;

    private final String name;
    private final JetStreamRecordSerializer<T> serializer;
    private final PublishPolicy policy;
    private final Function<JetStreamRecord, CompletableFuture<PublishAck>> publish;
    private final AutoCloseable connection;
    /** Published and not yet settled, in publication order. */
    private final ArrayDeque<Publication> inFlight = new ArrayDeque<>();
    /** The unsettled message of each ordering key (at most one). */
    private final Map<String, Publication> unsettledByKey = new HashMap<>();
    private final Counter published;
    private final Counter republished;
    private final Counter refused;
    private long lastAckNanos;

    /**
     * @param name the connection's name, for the log
     * @param publish publishes one record asynchronously ({@code Publishing::publishAsync} on a connection)
     * @param connection closed with the writer
     */
    public JetStreamWriter(String name, JetStreamRecordSerializer<T> serializer, PublishPolicy policy,
            Function<JetStreamRecord, CompletableFuture<PublishAck>> publish, AutoCloseable connection, SinkWriterMetricGroup metrics) {
        this.name = name;
        this.serializer = serializer;
        this.policy = policy;
        this.publish = publish;
        this.connection = connection;
        this.published = metrics.getNumRecordsSendCounter();
        this.republished = metrics.counter("messagesRepublished");
        this.refused = metrics.counter("recordsRefused");
        this.lastAckNanos = System.nanoTime();
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        JetStreamRecord record = serializer.serialize(element);
        Publication previousOfKey = record.orderingKey() == null ? null : unsettledByKey.get(record.orderingKey());
        if (previousOfKey != null) {
            // settled in publication order: the messages published before it went out earlier, so their answers are due first
            while (!previousOfKey.settled) {
                settle(inFlight.poll());
            }
        }
        while (inFlight.size() >= policy.maxInFlight()) {
            settle(inFlight.poll());
        }
        Publication publication = new Publication(record, System.nanoTime());
        if (!attempt(publication)) {
            return;
        }
        inFlight.add(publication);
        if (record.orderingKey() != null) {
            unsettledByKey.put(record.orderingKey(), publication);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        while (!inFlight.isEmpty()) {
            settle(inFlight.poll());
        }
    }

    /** Every message is settled by {@link #flush}, which Flink calls first: nothing is left to commit. */
    @Override
    public Collection<JetStreamCommittable> prepareCommit() throws IOException, InterruptedException {
        flush(false);
        return List.of();
    }

    /** Publishes (again); false when the client refused the record for what it is before sending it. */
    private boolean attempt(Publication p) {
        p.attempts++;
        p.attemptStartedNanos = System.nanoTime();
        try {
            p.ack = publish.apply(p.record);
        } catch (IllegalArgumentException notSendable) {
            // jnats refuses, before sending, a message over the server's max_payload or with an invalid subject
            refuse(p, notSendable.toString());
            return false;
        } catch (RuntimeException notSent) {
            // a closed connection, a full reconnect buffer: this attempt failed, the message is not at fault
            p.ack = CompletableFuture.failedFuture(notSent);
        }
        return true;
    }

    /** Waits for the message's acknowledgement, publishing it again in place while that fails for no fault of its own. */
    private void settle(Publication p) throws IOException, InterruptedException {
        while (!p.settled) {
            Throwable failure;
            try {
                PublishAck ack = p.ack.get(policy.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged(p, ack);
                return;
            } catch (ExecutionException e) {
                failure = unwrapped(e.getCause());
            } catch (CancellationException e) {
                // how jnats completes a request whose answer did not come in time, or that a closing connection dropped
                failure = e;
            } catch (TimeoutException e) {
                // no answer within the ack timeout: a late answer is no longer awaited, the message goes out again
                p.ack.cancel(false);
                failure = new TimeoutException("no acknowledgement within " + policy.ackTimeout());
            } catch (InterruptedException e) {
                LOG.warn("JetStream writer {}: interrupted (the task is cancelled) while awaiting the acknowledgement of {} (attempt {}); "
                        + "{} messages unsettled, they are replayed from the last checkpoint", name, describe(p), p.attempts, inFlight.size() + 1);
                Thread.currentThread().interrupt();
                throw e;
            }
            if (isRecordFault(failure)) {
                refuse(p, failure.getMessage());
                return;
            }
            if (!retryInPlace(p, failure)) {
                return;
            }
        }
    }

    private void acknowledged(Publication p, PublishAck ack) {
        lastAckNanos = System.nanoTime();
        published.inc();
        forget(p);
        if (p.retriedInPlace) {
            LOG.info("JetStream writer {}: {} acknowledged at attempt {} ({} seq {}{})", name, describe(p), p.attempts, ack.getStream(),
                    ack.getSeqno(), ack.isDuplicate() ? ", a copy of an earlier attempt was stored" : "");
        }
    }

    /** Publishes the message again after a pause; false when the client refused it for what it is (it is settled). */
    private boolean retryInPlace(Publication p, Throwable failure) throws IOException, InterruptedException {
        long now = System.nanoTime();
        long silentSince = Math.max(p.firstPublishedNanos, lastAckNanos);
        Duration silent = Duration.ofNanos(now - silentSince);
        if (p.attempts >= policy.maxAttempts() || silent.compareTo(policy.retryWindow()) >= 0) {
            throw new IOException("JetStream writer " + name + " gave up on " + describe(p) + " after " + p.attempts + " attempts, "
                    + silent.toMillis() + " ms without an acknowledgement (" + policy + "); last failure: " + failure
                    + ". The task fails and restarts from its last checkpoint, which replays the message in order", failure);
        }
        boolean answeredSince = lastAckNanos > p.attemptStartedNanos;
        // a server that answered since this attempt is back: no pause; a silent one is not hammered
        Duration backoff = answeredSince ? Duration.ZERO : policy.backoffAfter(p.attempts);
        Duration left = policy.retryWindow().minus(silent);
        if (backoff.compareTo(left) > 0) {
            backoff = left;
        }
        LOG.warn("JetStream writer {}: attempt {} at {} failed: {}. Publishing it again in {} ms, before anything later of its key",
                name, p.attempts, describe(p), failure, backoff.toMillis());
        if (!backoff.isZero()) {
            Thread.sleep(backoff.toMillis());
        }
        republished.inc();
        p.retriedInPlace = true;
        boolean inFlightAgain = attempt(p);
        if (answeredSince) {
            republishUnansweredBefore(lastAckNanos);
        }
        return inFlightAgain;
    }

    /**
     * After an outage, the messages in flight from before it have failed or have waited longer
     * than the ack timeout for answers that will not come (jnats fails them only after its own
     * request timeout): all are published again at once, rather than one ack timeout or one
     * back-off each as they are reached. Each is the only unsettled message of its key, so the
     * order of each key holds; an earlier attempt that was stored after all makes the new one a
     * duplicate for JetStream.
     */
    private void republishUnansweredBefore(long answeredNanos) {
        int again = 0;
        long now = System.nanoTime();
        for (Publication other : inFlight) {
            if (other.settled || other.attemptStartedNanos >= answeredNanos) {
                continue;
            }
            Throwable failure = failureOf(other.ack);
            if (other.ack.isDone() && (failure == null || isRecordFault(failure))) {
                continue; // acknowledged, or refused for what it is: settled when reached
            }
            if (!other.ack.isDone() && now - other.attemptStartedNanos < policy.ackTimeout().toNanos()) {
                continue; // a server that is merely slow still has time to answer it
            }
            other.ack.cancel(false);
            republished.inc();
            again++;
            attempt(other);
        }
        if (again > 0) {
            LOG.info("JetStream writer {}: the server answers again; {} messages whose earlier attempts failed or went unanswered are "
                    + "published again at once (same ids)", name, again);
        }
    }

    /** The failure a completed future holds, or null (not completed, or acknowledged). */
    private static Throwable failureOf(CompletableFuture<PublishAck> ack) {
        if (!ack.isDone()) {
            return null;
        }
        try {
            ack.getNow(null);
            return null;
        } catch (CancellationException e) {
            return e;
        } catch (CompletionException e) {
            return unwrapped(e.getCause());
        }
    }

    private void refuse(Publication p, String why) {
        refused.inc();
        forget(p);
        LOG.error("JetStream refused {} ({} bytes) for what it is: {}. It is left out of the output stream and counted (recordsRefused)",
                describe(p), p.record.payload() == null ? 0 : p.record.payload().length, why);
    }

    private void forget(Publication p) {
        p.settled = true;
        String key = p.record.orderingKey();
        if (key != null && unsettledByKey.get(key) == p) {
            unsettledByKey.remove(key);
        }
    }

    /** The stream's own limits on one message: its size, or its subject's message count when it discards new ones. */
    static boolean isRecordFault(Throwable failure) {
        return failure instanceof JetStreamApiException
                && (((JetStreamApiException) failure).getApiErrorCode() == MESSAGE_TOO_LARGE
                        || ((JetStreamApiException) failure).getApiErrorCode() == SUBJECT_FULL);
    }

    private static Throwable unwrapped(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Publication p) {
        return "message " + p.record.messageId() + " on " + p.record.subject()
                + (p.record.orderingKey() == null ? "" : " (ordering key " + p.record.orderingKey() + ")");
    }

    @Override
    public void close() throws Exception {
        if (!inFlight.isEmpty()) {
            LOG.info("JetStream writer {} closes with {} messages unsettled; they are replayed from the last checkpoint", name, inFlight.size());
        }
        connection.close();
    }

    /** One message and its current attempt. */
    private static final class Publication {
        final JetStreamRecord record;
        final long firstPublishedNanos;
        int attempts;
        long attemptStartedNanos;
        CompletableFuture<PublishAck> ack;
        boolean settled;
        /** Its failures were logged: so is its acknowledgement. */
        boolean retriedInPlace;

        Publication(JetStreamRecord record, long firstPublishedNanos) {
            this.record = record;
            this.firstPublishedNanos = firstPublishedNanos;
        }
    }
}
