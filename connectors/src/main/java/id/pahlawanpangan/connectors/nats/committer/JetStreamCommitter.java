package id.pahlawanpangan.connectors.nats.committer;

import id.pahlawanpangan.connectors.nats.JetStreamCommittable;
import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.nats.Publishing;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the committables that a checkpoint or savepoint of an earlier build of the sink holds
 * (messages whose acknowledgement that build's writer had not seen), with their original message
 * ids: JetStream drops any copy it already has. This build's writer hands over none; Flink
 * commits restored committables while the job starts, before the writer publishes anything.
 *
 * <p>Connection trouble and errors of the server's API are retried ({@code retryLater}: the
 * committable stays in Flink's state) up to {@code maxRetries} times, then fail the job, which
 * restarts with the committable still in its checkpoint. A message refused for what it is is
 * logged and counted as failed with a known reason, which in Flink 1.20 means it is dropped, as
 * the writer drops it: any other error must not be signalled that way, or the message would be
 * lost without a trace.
 */
public final class JetStreamCommitter implements Committer<JetStreamCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(JetStreamCommitter.class);

    static final int MESSAGE_TOO_LARGE = 10054;
    static final int SUBJECT_FULL = 10077;

    /** Publishes one record and waits for its acknowledgement. */
    public interface Publisher {
        PublishAck publish(JetStreamRecord record) throws IOException, JetStreamApiException, InterruptedException;

        /** Closes the connection it opened, if any. */
        void close() throws InterruptedException;
    }

    private final Publisher publisher;
    private final int maxRetries;

    public JetStreamCommitter(Publisher publisher, int maxRetries) {
        this.publisher = publisher;
        this.maxRetries = maxRetries;
    }

    /** A committer publishing on a connection of its own, opened at its first commit. */
    public static JetStreamCommitter connectingTo(NatsConnection natsConnection, int maxRetries) {
        return new JetStreamCommitter(new Connecting(natsConnection, "pangan-jetstream-committer"), maxRetries);
    }

    @Override
    public void commit(Collection<CommitRequest<JetStreamCommittable>> requests) throws IOException, InterruptedException {
        for (CommitRequest<JetStreamCommittable> request : requests) {
            JetStreamRecord record = request.getCommittable().record();
            try {
                PublishAck ack = publisher.publish(record);
                LOG.info("JetStream committer: {} of an earlier checkpoint published again ({} seq {}{})", record, ack.getStream(),
                        ack.getSeqno(), ack.isDuplicate() ? ", JetStream already had it" : "");
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == MESSAGE_TOO_LARGE || e.getApiErrorCode() == SUBJECT_FULL) {
                    LOG.error("JetStream refused {} ({} bytes) for what it is: {}. It is left out of the output stream", record,
                            record.payload().length, e.getMessage());
                    request.signalFailedWithKnownReason(e);
                } else {
                    retryOrFail(request, e);
                }
            } catch (IOException | IllegalStateException e) {
                // IllegalStateException: jnats' closed connection or full reconnect buffer, nothing the message did
                retryOrFail(request, e);
            } catch (IllegalArgumentException e) {
                // jnats refuses, before sending, a message over the server's max_payload
                LOG.error("NATS refused {} ({} bytes) for what it is: {}. It is left out of the output stream", record,
                        record.payload().length, e.getMessage());
                request.signalFailedWithKnownReason(e);
            }
        }
    }

    private void retryOrFail(CommitRequest<JetStreamCommittable> request, Exception e) {
        JetStreamRecord record = request.getCommittable().record();
        if (request.getNumberOfRetries() < maxRetries) {
            LOG.warn("JetStream committer: publishing {} failed (retry {} of {}): {}", record, request.getNumberOfRetries() + 1,
                    maxRetries, e.toString());
            request.retryLater();
        } else {
            LOG.error("JetStream committer: publishing {} failed {} times, the last time with {}; the job fails and keeps it in its "
                    + "checkpoint", record, request.getNumberOfRetries() + 1, e.toString());
            request.signalFailedWithUnknownReason(e);
        }
    }

    @Override
    public void close() throws Exception {
        publisher.close();
    }

    /** Connects at the first publication, and stays connected (jnats reconnects by itself). */
    private static final class Connecting implements Publisher {
        private final NatsConnection natsConnection;
        private final String name;
        private Connection connection;

        Connecting(NatsConnection natsConnection, String name) {
            this.natsConnection = natsConnection;
            this.name = name;
        }

        @Override
        public PublishAck publish(JetStreamRecord record) throws IOException, JetStreamApiException, InterruptedException {
            if (connection == null) {
                connection = natsConnection.connect(name);
            }
            return Publishing.publish(connection.jetStream(), record);
        }

        @Override
        public void close() throws InterruptedException {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
