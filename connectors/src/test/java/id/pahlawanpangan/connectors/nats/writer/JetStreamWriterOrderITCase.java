package id.pahlawanpangan.connectors.nats.writer;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.JetStreamStreams;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.nats.Publishing;
import id.pahlawanpangan.connectors.testing.SeveringProxy;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.MetricsGroupTestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The writer against the real nats-server, its connection cut mid-stream (publications lost,
 * acknowledgements lost, then the connection gone for a while): every message is in the stream
 * once, and each key's messages are in the stream in the order they were written.
 */
class JetStreamWriterOrderITCase {
    private static final String NATS_URL = System.getenv().getOrDefault("PANGAN_TEST_NATS_URL", NatsConnection.DEFAULT_URL);
    private static final int MESSAGES = 3_000;
    private static final int KEYS = 20;

    private final MetricListener metricListener = new MetricListener();
    private final InternalSinkWriterMetricGroup metrics = MetricsGroupTestUtils.mockWriterMetricGroup(metricListener.getMetricGroup());
    private final ScheduledExecutorService disruption = Executors.newSingleThreadScheduledExecutor();
    private String stream;
    private String subjectPrefix;
    private Connection admin;
    private SeveringProxy proxy;

    @BeforeEach
    void createStream() throws Exception {
        String id = Long.toString(System.nanoTime(), 36);
        stream = "WRITER_ORDER_IT_" + id.toUpperCase();
        subjectPrefix = "writerorderit." + id;
        admin = NatsConnection.to(NATS_URL).connect("jetstream-writer-order-itcase");
        JetStreamStreams.ensure(admin, StreamConfiguration.builder()
                .name(stream).subjects(subjectPrefix + ".>").storageType(StorageType.File)
                .duplicateWindow(Duration.ofMinutes(10)).build());
        URI server = URI.create(NATS_URL);
        proxy = new SeveringProxy(server.getHost(), server.getPort());
    }

    @AfterEach
    void deleteStream() throws Exception {
        disruption.shutdownNow();
        proxy.close();
        admin.jetStreamManagement().deleteStream(stream);
        admin.close();
    }

    @Test
    void eachKeysMessagesAreStoredOnceAndInWriteOrderAcrossALostConnection() throws Exception {
        Connection viaProxy = NatsConnection.to("nats://127.0.0.1:" + proxy.port()).connect("jetstream-writer-order-itcase-writer");
        JetStream jetStream = viaProxy.jetStream();
        PublishPolicy policy = new PublishPolicy(Duration.ofSeconds(1), 256, Duration.ofSeconds(30), 60);
        Map<String, List<String>> written = new LinkedHashMap<>();
        try (JetStreamWriter<JetStreamRecord> writer = new JetStreamWriter<>("order-itcase", r -> r, policy,
                r -> Publishing.publishAsync(jetStream, r), viaProxy, metrics)) {
            for (int i = 0; i < MESSAGES; i++) {
                if (i == MESSAGES / 3) {
                    // in flight now: publications and acknowledgements lost, then no connection for a while
                    proxy.blackHole();
                    disruption.schedule(proxy::sever, 1_500, TimeUnit.MILLISECONDS);
                    disruption.schedule(proxy::heal, 3_000, TimeUnit.MILLISECONDS);
                }
                String key = "offer-" + (i % KEYS);
                String messageId = key + ":" + i;
                writer.write(new JetStreamRecord(subjectPrefix + "." + key, messageId, key, Map.of("x-key", key),
                        messageId.getBytes(StandardCharsets.UTF_8)), null);
                written.computeIfAbsent(key, k -> new ArrayList<>()).add(messageId);
            }
            writer.flush(false);
            assertThat(writer.prepareCommit()).isEmpty();
        }

        assertThat(metricListener.getCounter("messagesRepublished").orElseThrow().getCount())
                .as("the disruption hit messages in flight").isPositive();
        assertThat(metricListener.getCounter("recordsRefused").orElseThrow().getCount()).isZero();

        JetStreamManagement jsm = admin.jetStreamManagement();
        long stored = jsm.getStreamInfo(stream).getStreamState().getMsgCount();
        assertThat(stored).as("every message once").isEqualTo(MESSAGES);
        Map<String, List<String>> inStream = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        long firstSeq = jsm.getStreamInfo(stream).getStreamState().getFirstSequence();
        for (long seq = firstSeq; seq < firstSeq + stored; seq++) {
            MessageInfo m = jsm.getMessage(stream, seq);
            String messageId = m.getHeaders().getFirst("Nats-Msg-Id");
            assertThat(ids.add(messageId)).as("stored once: " + messageId).isTrue();
            inStream.computeIfAbsent(m.getHeaders().getFirst("x-key"), k -> new ArrayList<>()).add(messageId);
        }
        for (Map.Entry<String, List<String>> key : written.entrySet()) {
            assertThat(inStream.get(key.getKey())).as("the stream's order of " + key.getKey()).containsExactlyElementsOf(key.getValue());
        }
    }
}
