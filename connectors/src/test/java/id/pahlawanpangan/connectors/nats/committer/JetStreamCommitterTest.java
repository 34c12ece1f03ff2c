package id.pahlawanpangan.connectors.nats.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.nats.JetStreamCommittable;
import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.testing.ServerAnswers;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.junit.jupiter.api.Test;

/** The committer of committables restored from an earlier build's checkpoint. */
class JetStreamCommitterTest {
    private final List<String> published = new ArrayList<>();
    private final Map<String, Deque<Exception>> failures = new HashMap<>();
    private boolean closed;

    private final JetStreamCommitter.Publisher publisher = new JetStreamCommitter.Publisher() {
        @Override
        public PublishAck publish(JetStreamRecord record) throws IOException, JetStreamApiException {
            published.add(record.messageId());
            Exception failure = failures.getOrDefault(record.messageId(), new ArrayDeque<>()).poll();
            if (failure instanceof IOException) {
                throw (IOException) failure;
            }
            if (failure instanceof JetStreamApiException) {
                throw (JetStreamApiException) failure;
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            return ServerAnswers.ack("TEST", published.size(), false);
        }

        @Override
        public void close() {
            closed = true;
        }
    };

    @Test
    void publishesEveryCommittableAgain() throws Exception {
        JetStreamCommitter committer = new JetStreamCommitter(publisher, 3);
        Request a = new Request("a", 0);
        Request b = new Request("b", 0);
        committer.commit(List.of(a, b));

        assertThat(published).containsExactly("a", "b");
        assertThat(a.outcome).isEqualTo("committed");
        assertThat(b.outcome).isEqualTo("committed");
        committer.close();
        assertThat(closed).isTrue();
    }

    @Test
    void connectionTroubleIsRetriedLaterUpToTheLimitThenFailsTheJob() throws Exception {
        JetStreamCommitter committer = new JetStreamCommitter(publisher, 2);
        failing("a", new IOException("Timeout or no response waiting for NATS JetStream server"), 3);

        Request request = new Request("a", 0);
        committer.commit(List.of(request));
        assertThat(request.outcome).isEqualTo("retry later");
        request = new Request("a", 1);
        committer.commit(List.of(request));
        assertThat(request.outcome).isEqualTo("retry later");

        Request last = new Request("a", 2);
        assertThatThrownBy(() -> committer.commit(List.of(last))).hasMessageContaining("a").hasRootCauseInstanceOf(IOException.class);
        assertThat(last.outcome).isEqualTo("failed with unknown reason");
    }

    @Test
    void aMessageJetStreamRefusesForWhatItIsFailsWithAKnownReason() throws Exception {
        JetStreamCommitter committer = new JetStreamCommitter(publisher, 2);
        failing("too-large", ServerAnswers.apiError(400, 10054, "message size exceeds maximum allowed"), 1);
        failing("over-max-payload", new IllegalArgumentException("Message payload size exceed server configuration"), 1);
        Request tooLarge = new Request("too-large", 0);
        Request overMaxPayload = new Request("over-max-payload", 0);
        Request fine = new Request("fine", 0);
        committer.commit(List.of(tooLarge, overMaxPayload, fine));

        assertThat(tooLarge.outcome).isEqualTo("failed with known reason");
        assertThat(overMaxPayload.outcome).isEqualTo("failed with known reason");
        assertThat(fine.outcome).isEqualTo("committed");
    }

    @Test
    void otherApiErrorsAreRetriedAsConnectionTroubleIsNotDroppedWithAKnownReason() throws Exception {
        // Flink 1.20 drops a committable failed with a known reason: a stream that is away must not lose the message
        JetStreamCommitter committer = new JetStreamCommitter(publisher, 1);
        failing("a", ServerAnswers.apiError(503, 10008, "JetStream system temporarily unavailable"), 2);
        Request first = new Request("a", 0);
        committer.commit(List.of(first));
        assertThat(first.outcome).isEqualTo("retry later");

        Request second = new Request("a", 1);
        assertThatThrownBy(() -> committer.commit(List.of(second))).hasMessageContaining("a");
        assertThat(second.outcome).isEqualTo("failed with unknown reason");
    }

    private void failing(String messageId, Exception failure, int times) {
        for (int i = 0; i < times; i++) {
            failures.computeIfAbsent(messageId, id -> new ArrayDeque<>()).add(failure);
        }
    }

    /** What Flink hands the committer, remembering what the committer signalled. */
    private static final class Request implements CommitRequest<JetStreamCommittable> {
        private final JetStreamCommittable committable;
        private final int retries;
        String outcome = "committed";

        Request(String messageId, int retries) {
            this.committable = new JetStreamCommittable(new JetStreamRecord("test.out." + messageId, messageId, "offer-" + messageId,
                    Map.of(), messageId.getBytes(StandardCharsets.UTF_8)));
            this.retries = retries;
        }

        @Override
        public JetStreamCommittable getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return retries;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            outcome = "failed with known reason";
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            outcome = "failed with unknown reason";
            // as Flink's own request does
            throw new IllegalStateException("Failed to commit " + committable, t);
        }

        @Override
        public void retryLater() {
            outcome = "retry later";
        }

        @Override
        public void updateAndRetryLater(JetStreamCommittable updated) {
            outcome = "retry later";
        }

        @Override
        public void signalAlreadyCommitted() {
            outcome = "already committed";
        }
    }
}
