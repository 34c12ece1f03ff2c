package id.pahlawanpangan.connectors.nats.writer;

import static id.pahlawanpangan.connectors.nats.writer.ScriptedPublisher.failed;
import static id.pahlawanpangan.connectors.nats.writer.ScriptedPublisher.thrown;
import static id.pahlawanpangan.connectors.nats.writer.ScriptedPublisher.unanswered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.testing.ServerAnswers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.MetricsGroupTestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer's handling of every way a publication can end, its per-key order and its retry budget. */
class JetStreamWriterTest {
    private static final PublishPolicy QUICK = new PublishPolicy(Duration.ofMillis(200), 100, Duration.ofSeconds(10), 5);
    /** Acknowledgements the test holds back are awaited, not timed out, while it looks. */
    private static final PublishPolicy PATIENT = new PublishPolicy(Duration.ofSeconds(30), 100, Duration.ofSeconds(60), 5);
    private static final SinkWriter.Context NO_CONTEXT = new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    private final MetricListener metricListener = new MetricListener();
    private final InternalSinkWriterMetricGroup metrics = MetricsGroupTestUtils.mockWriterMetricGroup(metricListener.getMetricGroup());
    private final ScriptedPublisher publisher = new ScriptedPublisher();
    private final AtomicBoolean connectionClosed = new AtomicBoolean();
    private JetStreamWriter<JetStreamRecord> writer;

    @AfterEach
    void close() throws Exception {
        if (writer != null) {
            writer.close();
            assertThat(connectionClosed).as("the connection closes with the writer").isTrue();
        }
    }

    @Test
    void acknowledgedMessagesAreCountedAndNothingIsLeftToCommit() throws Exception {
        writer = writer(QUICK);
        for (int i = 1; i <= 3; i++) {
            writer.write(record("m" + i, "offer-" + i), NO_CONTEXT);
        }
        writer.flush(false);

        assertThat(publisher.attempts()).containsExactly("m1", "m2", "m3");
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(3);
        assertThat(counter("recordsRefused")).isZero();
        assertThat(counter("messagesRepublished")).isZero();
        assertThat(writer.prepareCommit()).isEmpty();
    }

    @Test
    void messagesRefusedForWhatTheyAreAreCountedAndLeftOutWhileTheOthersGoOn() throws Exception {
        publisher.answer("too-large", failed(ServerAnswers.apiError(400, 10054, "message size exceeds maximum allowed")))
                .answer("subject-full", failed(ServerAnswers.apiError(503, 10077, "maximum messages per subject exceeded")))
                .answer("over-max-payload", thrown(new IllegalArgumentException("Message payload size exceed server configuration")));
        writer = writer(QUICK);
        writer.write(record("too-large", "offer-1"), NO_CONTEXT);
        writer.write(record("after-too-large", "offer-1"), NO_CONTEXT);
        writer.write(record("subject-full", "offer-2"), NO_CONTEXT);
        writer.write(record("over-max-payload", "offer-3"), NO_CONTEXT);
        writer.write(record("fine", "offer-3"), NO_CONTEXT);

        assertThat(writer.prepareCommit()).isEmpty();
        assertThat(publisher.attempts()).as("each attempted once, none again")
                .containsExactly("too-large", "after-too-large", "subject-full", "over-max-payload", "fine");
        assertThat(counter("recordsRefused")).isEqualTo(3);
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(2);
        assertThat(counter("messagesRepublished")).isZero();
    }

    @Test
    void aRequestThatTimedOutInTheClientIsPublishedAgainInPlaceBeforeTheNextOfItsOffer() throws Exception {
        // how jnats completes an async publication whose answer did not come in time
        publisher.answer("x1", failed(new CancellationException("Future cancelled, response not registered in time, check connection status.")));
        writer = writer(QUICK);
        writer.write(record("x1", "offer-x"), NO_CONTEXT);
        writer.write(record("y1", "offer-y"), NO_CONTEXT);
        writer.write(record("x2", "offer-x"), NO_CONTEXT);
        writer.flush(false);

        assertThat(publisher.attempts()).containsExactly("x1", "y1", "x1", "x2");
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(3);
        assertThat(counter("messagesRepublished")).isEqualTo(1);
        assertThat(writer.prepareCommit()).isEmpty();
    }

    @Test
    void aMessageLostWithItsConnectionIsPublishedAgainBeforeTheNextOfItsOffer() throws Exception {
        // the case: x1 sent and lost by a crashing server; x2 must not reach the stream before it
        publisher.answer("x1", unanswered());
        writer = writer(QUICK);
        writer.write(record("x1", "offer-x"), NO_CONTEXT);
        writer.write(record("x2", "offer-x"), NO_CONTEXT);
        writer.flush(false);

        assertThat(publisher.attempts()).containsExactly("x1", "x1", "x2");
        assertThat(counter("messagesRepublished")).isEqualTo(1);
        assertThat(writer.prepareCommit()).isEmpty();
    }

    @Test
    void everyFailureThatIsNotTheMessagesOwnIsRetriedInPlace() throws Exception {
        publisher.answer("timeout", failed(new TimeoutException("Future cancelled, response not registered in time, check connection status.")))
                .answer("no-responders", failed(new IOException("Error Publishing: 503 No Responders Available For Request")))
                .answer("unavailable", failed(ServerAnswers.apiError(503, 10008, "JetStream system temporarily unavailable")))
                .answer("closed", thrown(new IllegalStateException("Connection is Closed")))
                .answer("twice", failed(new IOException("connection lost")), failed(new CancellationException("Future cancelled, connection closing.")));
        writer = writer(QUICK);
        for (String id : new String[] {"timeout", "no-responders", "unavailable", "closed", "twice"}) {
            writer.write(record(id, "offer-" + id), NO_CONTEXT);
            writer.write(record(id + "-next", "offer-" + id), NO_CONTEXT);
        }
        writer.flush(false);

        assertThat(publisher.attempts()).containsSubsequence("timeout", "timeout", "timeout-next")
                .containsSubsequence("no-responders", "no-responders", "no-responders-next")
                .containsSubsequence("unavailable", "unavailable", "unavailable-next")
                .containsSubsequence("closed", "closed", "closed-next")
                .containsSubsequence("twice", "twice", "twice", "twice-next");
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(10);
        assertThat(counter("messagesRepublished")).isEqualTo(6);
        assertThat(counter("recordsRefused")).isZero();
    }

    @Test
    void onceTheServerAnswersAgainTheMessagesLeftUnansweredArePublishedAgainAtOnce() throws Exception {
        publisher.answer("a1", unanswered()).answer("b1", unanswered(), publisher.held()).answer("c1", unanswered());
        writer = writer(QUICK);
        writer.write(record("a1", "offer-a"), NO_CONTEXT);
        writer.write(record("b1", "offer-b"), NO_CONTEXT);
        writer.write(record("c1", "offer-c"), NO_CONTEXT);
        writer.write(record("d1", "offer-d"), NO_CONTEXT);

        CompletableFuture<Void> flushing = CompletableFuture.runAsync(() -> {
            try {
                writer.flush(false);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // a1 is answered at its second attempt; b1's first attempt then fails: the server is back,
        // so c1 goes out again at once rather than when b1 is settled and c1's own wait runs out
        await("c1 published again while b1 is still awaited").atMost(Duration.ofSeconds(5))
                .until(() -> publisher.attempts().equals(List.of("a1", "b1", "c1", "d1", "a1", "b1", "c1")));
        publisher.acknowledge("b1");
        flushing.get();

        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(4);
        assertThat(counter("messagesRepublished")).isEqualTo(3);
        assertThat(writer.prepareCommit()).isEmpty();
    }

    @Test
    void aSecondMessageOfAnOfferWaitsForTheFirstsAcknowledgementWhileOtherOffersPipeline() throws Exception {
        publisher.answer("x1", publisher.held()).answer("y1", publisher.held()).answer("x2", publisher.held());
        writer = writer(PATIENT);
        writer.write(record("x1", "offer-x"), NO_CONTEXT);
        writer.write(record("y1", "offer-y"), NO_CONTEXT);
        assertThat(publisher.attempts()).as("two offers, both in flight").containsExactly("x1", "y1");

        CompletableFuture<Void> writingX2 = inBackground(record("x2", "offer-x"));
        await("x2 held back while x1 is unacknowledged").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> !publisher.attempts().contains("x2"));
        publisher.acknowledge("x1");
        writingX2.get();
        assertThat(publisher.attempts()).as("x2 once x1 is acknowledged; y1 still unacknowledged did not hold it up")
                .containsExactly("x1", "y1", "x2");

        writer.write(record("z1", "offer-z"), NO_CONTEXT);
        assertThat(publisher.attempts()).as("another offer goes straight out").containsExactly("x1", "y1", "x2", "z1");

        CompletableFuture<Void> writingY2 = inBackground(record("y2", "offer-y"));
        await("y2 held back while y1 is unacknowledged").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> !publisher.attempts().contains("y2"));
        publisher.acknowledge("y1");
        publisher.acknowledge("x2");
        writingY2.get();
        writer.flush(false);
        assertThat(publisher.attempts()).containsExactly("x1", "y1", "x2", "z1", "y2");
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(5);
    }

    @Test
    void messagesWithoutAnOrderingKeyAreNotHeldBack() throws Exception {
        publisher.answer("a", publisher.held());
        writer = writer(PATIENT);
        writer.write(new JetStreamRecord("test.dead", "a", Map.of(), new byte[0]), NO_CONTEXT);
        writer.write(new JetStreamRecord("test.dead", "b", Map.of(), new byte[0]), NO_CONTEXT);
        assertThat(publisher.attempts()).containsExactly("a", "b");
        publisher.acknowledge("a");
        writer.flush(false);
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(2);
    }

    @Test
    void aMessageOutOfAttemptsFailsTheWriterNamingItAndNothingLaterOfItsOfferIsPublished() throws Exception {
        publisher.alwaysFail("x1", new IOException("Error Publishing: 503 No Responders Available For Request"));
        writer = writer(new PublishPolicy(Duration.ofMillis(200), 100, Duration.ofSeconds(30), 3));
        writer.write(record("x1", "offer-x"), NO_CONTEXT);

        assertThatThrownBy(() -> writer.write(record("x2", "offer-x"), NO_CONTEXT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("message x1 on test.out.offer-x (ordering key offer-x)")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("503 No Responders")
                .hasMessageContaining("restarts from its last checkpoint");
        assertThat(publisher.attempts()).containsExactly("x1", "x1", "x1");
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isZero();
        assertThat(counter("recordsRefused")).as("not the message's fault: not refused").isZero();
    }

    @Test
    void aMessageOutOfTimeFailsTheCheckpointsFlushNamingIt() throws Exception {
        publisher.alwaysFail("x1", new CancellationException("Future cancelled, response not registered in time, check connection status."));
        writer = writer(new PublishPolicy(Duration.ofMillis(200), 100, Duration.ofMillis(700), 1_000));
        writer.write(record("x1", "offer-x"), NO_CONTEXT);

        assertThatThrownBy(() -> writer.prepareCommit())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("message x1")
                .hasMessageContaining("without an acknowledgement")
                .hasRootCauseInstanceOf(CancellationException.class);
        // how many attempts fit the window depends on the machine; that it gave up on the window,
        // not on the 1,000 attempts, is what matters
        assertThat(publisher.attempts().size()).as("retried within the window, then given up").isBetween(2, 999);
    }

    @Test
    void anInterruptedWaitEndsTheWriteAndKeepsTheInterrupt() throws Exception {
        publisher.answer("x1", publisher.held());
        writer = writer(PATIENT);
        writer.write(record("x1", "offer-x"), NO_CONTEXT);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("the interrupt is kept for the task").isTrue();
    }

    private CompletableFuture<Void> inBackground(JetStreamRecord record) {
        return CompletableFuture.runAsync(() -> {
            try {
                writer.write(record, NO_CONTEXT);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private JetStreamWriter<JetStreamRecord> writer(PublishPolicy policy) {
        return new JetStreamWriter<>("test-writer", r -> r, policy, publisher, () -> connectionClosed.set(true), metrics);
    }

    private long counter(String name) {
        return metricListener.getCounter(name).orElseThrow(() -> new AssertionError("no counter " + name)).getCount();
    }

    private static JetStreamRecord record(String messageId, String offer) {
        return new JetStreamRecord("test.out." + offer, messageId, offer, Map.of("Content-Type", "application/json"),
                ("{\"event_id\":\"" + messageId + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
