package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.testing.Fixtures;
import id.pahlawanpangan.tracing.Tracing;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace from an offer to the NGO's phone: an offer published with a known trace context; its
 * proposal on NATS and its row in PostGIS carry that trace, and the decision's span is a child of
 * the posting's ingest span, itself a child of the publisher's span.
 */
class LiveTracingITCase {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PUBLISHER_SPAN = "00f067aa0ba902b7";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = LiveFixture.cluster(1);

    @TempDir
    Path dir;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @BeforeEach
    void recordSpans() {
        Tracing.install(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build());
    }

    @AfterEach
    void stopRecording() {
        Tracing.install(null);
    }

    @Test
    void theProposalCarriesTheOffersTraceAndItsSpanDescendsFromTheIngestSpan() throws Exception {
        Fixtures f = new Fixtures();
        long now = System.currentTimeMillis();
        try (LiveFixture live = new LiveFixture()) {
            JobClient client = live.startJob(dir.resolve("checkpoints"), Map.of());
            try {
                live.nats.jetStream().publish(live.subjects.input(SourceStream.NGOS, "ngo-a"),
                        InputEventJson.write(f.ngo("ngo-a").availableAt(now - 60_000)).getBytes(StandardCharsets.UTF_8));
                Headers headers = new Headers().put("traceparent", "00-" + TRACE_ID + "-" + PUBLISHER_SPAN + "-01");
                live.nats.jetStream().publish(NatsMessage.builder()
                        .subject(live.subjects.input(SourceStream.OFFERS, "prov-1"))
                        .headers(headers)
                        .data(InputEventJson.write(f.offer("o1").postedAt(now).posted()), StandardCharsets.UTF_8)
                        .build());

                long deadline = System.currentTimeMillis() + 60_000;
                while (live.db.count("select count(*) from match_events where type = 'offer.proposed'") < 1 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(live.db.strings("select trace_id from match_events where type = 'offer.proposed'")).containsExactly(TRACE_ID);

                JetStreamSubscription sub = live.nats.jetStream().subscribe(live.subjects.outputs() + ".>", PullSubscribeOptions.builder().build());
                List<Message> out = sub.fetch(10, Duration.ofSeconds(5));
                Message proposal = out.stream().filter(m -> m.getSubject().endsWith("offer.proposed")).findFirst().orElseThrow();
                String traceparent = proposal.getHeaders().getFirst("traceparent");
                assertThat(traceparent).startsWith("00-" + TRACE_ID + "-");

                SpanData ingest = span("pangan.ingest offer.posted");
                SpanData decision = span("pangan.decide offer.proposed");
                assertThat(ingest.getTraceId()).isEqualTo(TRACE_ID);
                assertThat(ingest.getParentSpanId()).isEqualTo(PUBLISHER_SPAN);
                assertThat(decision.getTraceId()).isEqualTo(TRACE_ID);
                assertThat(decision.getParentSpanId()).as("the decision's parent is the ingest span").isEqualTo(ingest.getSpanId());
                assertThat(traceparent).as("the message carries the decision's span").contains("-" + decision.getSpanId() + "-");
            } finally {
                client.cancel().get();
            }
        }
    }

    private SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " among " + spans.getFinishedSpanItems()));
    }
}
