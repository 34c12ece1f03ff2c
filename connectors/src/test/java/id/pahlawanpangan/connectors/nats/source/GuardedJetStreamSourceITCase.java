package id.pahlawanpangan.connectors.nats.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source's reader driven as Flink's task thread drives it, against the real nats-server: it
 * delivers the stream, then says it was read to its end; its checkpoint, in the connector's
 * format, lets a new reader go on after the last message it delivered.
 */
class GuardedJetStreamSourceITCase {
    private static final NatsConnection NATS = NatsConnection.to(System.getenv().getOrDefault("PANGAN_TEST_NATS_URL", NatsConnection.DEFAULT_URL));

    private String stream;
    private String subjectPrefix;
    private Connection nats;

    @BeforeEach
    void createStream() throws Exception {
        String id = Long.toString(System.nanoTime(), 36);
        stream = "SOURCE_IT_" + id.toUpperCase();
        subjectPrefix = "sourceit." + id;
        nats = NATS.connect("guarded-source-itcase");
        nats.jetStreamManagement().addStream(StreamConfiguration.builder()
                .name(stream).subjects(subjectPrefix + ".>").storageType(StorageType.Memory).build());
    }

    @AfterEach
    void deleteStream() throws Exception {
        nats.jetStreamManagement().deleteStream(stream);
        nats.close();
    }

    @Test
    void readsTheStreamSaysItWasReadToItsEndAndARestoredReaderGoesOnAfterItsCheckpoint() throws Exception {
        GuardedJetStreamSource<String, ?> source = GuardedJetStreamSource.<String>builder()
                .stream(stream, subjectPrefix + ".>")
                .records(new SubjectAndText())
                .connectWith(NATS, "guarded-source-itcase-reader")
                .stallAfter(Duration.ofSeconds(10))
                .progressInterval(Duration.ofMillis(50))
                .build();
        readThenRestore(source);
    }

    /**
     * An overloaded job's source is not asked for records while its output is backpressured,
     * for longer than the stall guard's limit, while its stream grows. That is not a lost
     * consumer: the reader goes on when asked again.
     */
    @Test
    void aReaderTheTaskDoesNotAskForLongerThanTheStallLimitGoesOnWhenAsked() throws Exception {
        GuardedJetStreamSource<String, ?> source = stallingAfter(Duration.ofSeconds(1));
        try (SourceReader<String, ?> reader = source.createReader(new TestReaderContext())) {
            start(reader, source);
            publish("a", "b");
            readUntilCaughtUp(reader, 2);
            publish("c", "d");
            // the task backpressured: three times the limit without a poll (the condition under test, not a wait)
            Thread.sleep(3_000);
            List<String> read = readUntilCaughtUp(reader, 4);
            assertThat(read).contains("3 " + subjectPrefix + ".p c", "4 " + subjectPrefix + ".p d");
        }
    }

    /** A reader asked for records all along that delivers none while its stream holds more has lost its consumer. */
    @Test
    void aReaderAskedAllAlongThatDeliversNothingWhileItsStreamGrowsFailsOver() throws Exception {
        GuardedJetStreamSource<String, ?> source = stallingAfter(Duration.ofSeconds(1));
        try (SourceReader<String, ?> reader = source.createReader(new TestReaderContext())) {
            start(reader, source);
            publish("a");
            readUntilCaughtUp(reader, 1);
            for (String consumer : nats.jetStreamManagement().getConsumerNames(stream)) {
                nats.jetStreamManagement().deleteConsumer(stream, consumer); // as a restarted server forgets it
            }
            publish("b");
            CollectingOutput<String> out = new CollectingOutput<>();
            Throwable failure = await().pollInSameThread().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    reader.pollNext(out);
                    return null;
                } catch (Exception e) {
                    return e;
                }
            }, e -> e != null);
            assertThat(failure).hasMessageContaining("its consumer is lost").hasMessageContaining("delivered nothing past 1");
        }
    }

    private GuardedJetStreamSource<String, ?> stallingAfter(Duration limit) {
        return GuardedJetStreamSource.<String>builder()
                .stream(stream, subjectPrefix + ".>")
                .records(new SubjectAndText())
                .connectWith(NATS, "guarded-source-itcase-reader")
                .stallAfter(limit)
                .progressInterval(Duration.ofMillis(50))
                .build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void start(SourceReader reader, GuardedJetStreamSource source) throws Exception {
        reader.start();
        reader.addSplits(List.of(Splits.first(source)));
    }

    private <S extends SourceSplit> void readThenRestore(GuardedJetStreamSource<String, S> source) throws Exception {
        publish("a", "b", "c");
        SimpleVersionedSerializer<S> serializer = source.getSplitSerializer();
        byte[] checkpoint;
        try (SourceReader<String, S> reader = source.createReader(new TestReaderContext())) {
            reader.start();
            reader.addSplits(List.of(Splits.first(source)));
            List<String> read = readUntilCaughtUp(reader, 3);

            assertThat(read).hasSize(4);
            assertThat(read.subList(0, 3)).containsExactly(
                    "1 " + subjectPrefix + ".p a", "2 " + subjectPrefix + ".p b", "3 " + subjectPrefix + ".p c");
            List<S> state = reader.snapshotState(1);
            assertThat(state).hasSize(1);
            checkpoint = serializer.serialize(state.get(0));
        }

        publish("d");
        S restored = serializer.deserialize(serializer.getVersion(), checkpoint);
        assertThat(source.streamOf(restored)).isEqualTo(stream);
        try (SourceReader<String, S> reader = source.createReader(new TestReaderContext())) {
            // as Flink restores a reader: its checkpointed splits first, then start
            reader.addSplits(List.of(restored));
            reader.start();
            List<String> read = readUntilCaughtUp(reader, 4);

            assertThat(read).as("only what came after the checkpoint").hasSize(2);
            assertThat(read.get(0)).isEqualTo("4 " + subjectPrefix + ".p d");
        }
    }

    /** Polls on this thread, as the task thread does, until the reader reports the stream read up to {@code lastSequence}. */
    private static List<String> readUntilCaughtUp(SourceReader<String, ?> reader, long lastSequence) {
        CollectingOutput<String> out = new CollectingOutput<>();
        await().pollInSameThread().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(30)).until(() -> {
            reader.pollNext(out);
            return out.records.stream().anyMatch(r -> r.startsWith("caught up to " + lastSequence + " at "));
        });
        return out.records;
    }

    private void publish(String... texts) throws Exception {
        for (String text : texts) {
            nats.jetStream().publish(subjectPrefix + ".p", text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
