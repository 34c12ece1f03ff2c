package id.pahlawanpangan.connectors.nats.committer;

import id.pahlawanpangan.connectors.nats.JetStreamCommittable;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import io.nats.client.Connection;
import id.pahlawanpangan.connectors.nats.Publishing;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.Collection;

/**
 * Publishes, after the checkpoint, the messages whose acknowledgement the writer did not get in
 * time, with their original message ids: JetStream drops any copy it already has. Connection
 * trouble is retried (the checkpoint's committables stay in Flink's state meanwhile); a refusal by
 * JetStream itself fails the job with the reason.
 */
public final class JetStreamCommitter implements org.apache.flink.api.connector.sink2.Committer<JetStreamCommittable> {
    private final NatsConnection natsConnection;
    private final int maxRetries;
    private Connection connection;

    public JetStreamCommitter(NatsConnection natsConnection, int maxRetries) {
        this.natsConnection = natsConnection;
        this.maxRetries = maxRetries;
    }

    @Override
    public void commit(Collection<CommitRequest<JetStreamCommittable>> requests) throws InterruptedException {
        for (CommitRequest<JetStreamCommittable> request : requests) {
            try {
                publish(request.getCommittable());
            } catch (JetStreamApiException e) {
                request.signalFailedWithKnownReason(e);
            } catch (IOException e) {
                if (request.getNumberOfRetries() < maxRetries) {
                    request.retryLater();
                } else {
                    request.signalFailedWithUnknownReason(e);
                }
            }
        }
    }

    private void publish(JetStreamCommittable committable) throws IOException, JetStreamApiException, InterruptedException {
        if (connection == null) {
            connection = natsConnection.connect("pangan-jetstream-committer");
        }
        Publishing.publish(connection.jetStream(), committable.record());
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
