package id.pahlawanpangan.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.testing.FailOnceAfterCheckpoint;
import id.pahlawanpangan.connectors.testing.NumbersFailingOnce;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The JetStream sink against the real nats-server: exactly one message per record across a failure. */
class JetStreamSinkITCase {
    private static final int RECORDS = 3_000;
    private static final NatsConnection NATS = NatsConnection.to(System.getenv().getOrDefault("PANGAN_TEST_NATS_URL", NatsConnection.DEFAULT_URL));

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path markers;

    private String stream;
    private String subjectPrefix;
    private Connection nats;

    @BeforeEach
    void createStream() throws Exception {
        String id = Long.toString(System.nanoTime(), 36);
        stream = "SINK_IT_" + id.toUpperCase();
        subjectPrefix = "sinkit." + id;
        nats = NATS.connect("jetstream-sink-itcase");
        JetStreamStreams.ensure(nats, StreamConfiguration.builder()
                .name(stream).subjects(subjectPrefix + ".>").storageType(StorageType.File)
                .duplicateWindow(Duration.ofMinutes(10)).build());
    }

    @AfterEach
    void deleteStream() throws Exception {
        nats.jetStreamManagement().deleteStream(stream);
        nats.close();
    }

    @Test
    void everyRecordIsOneMessageAfterAFailureAndRestart() throws Exception {
        String prefix = subjectPrefix;
        DataStream<Long> numbers = NumbersFailingOnce.stream(RECORDS, markers);
        numbers.sinkTo(JetStreamSink.<Long>builder()
                        .connection(NATS)
                        .serializer(n -> new JetStreamRecord(prefix + "." + (n % 7), "record-" + n,
                                Map.of("x-record", Long.toString(n)), ("record " + n).getBytes(StandardCharsets.UTF_8)))
                        .exactlyOnce()
                        .build())
                .name("JetStream");
        numbers.getExecutionEnvironment().execute("jetstream sink exactly once");

        assertThat(FailOnceAfterCheckpoint.failuresIn(markers)).as("failures injected").isGreaterThanOrEqualTo(1);
        assertThat(nats.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(RECORDS);
        Set<String> payloads = new HashSet<>();
        JetStreamSubscription sub = nats.jetStream().subscribe(subjectPrefix + ".>", PullSubscribeOptions.builder().build());
        while (payloads.size() < RECORDS) {
            List<Message> batch = sub.fetch(500, Duration.ofSeconds(2));
            if (batch.isEmpty()) {
                break;
            }
            for (Message m : batch) {
                String payload = new String(m.getData(), StandardCharsets.UTF_8);
                assertThat(payloads.add(payload)).as("delivered once: " + payload).isTrue();
                assertThat(m.getHeaders().getFirst("x-record")).isEqualTo(payload.substring("record ".length()));
                m.ack();
            }
        }
        assertThat(payloads).hasSize(RECORDS);
    }

    @Test
    void theBuilderAsksForTheGuaranteeAndTheDuplicateWindowIsChecked() throws Exception {
        assertThatThrownBy(() -> JetStreamSink.<Long>builder().connection(NATS).serializer(n -> null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactlyOnce()");
        assertThatThrownBy(() -> JetStreamStreams.requireDuplicateWindow(nats, stream, Duration.ofMinutes(15)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly-once needs at least PT15M");
        JetStreamStreams.requireDuplicateWindow(nats, stream, Duration.ofMinutes(10));
    }
}
