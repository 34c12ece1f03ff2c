package id.pahlawanpangan.gateway;

import static id.pahlawanpangan.gateway.GatewayFixture.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.tracing.Tracing;
import io.nats.client.api.MessageInfo;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With tracing configured, a request's span joins its caller's trace, and the message the job
 * reads carries the gateway's span as its parent: the job's ingest span (LiveTracingITCase) comes
 * under it, in the caller's trace.
 */
class GatewayTracingITCase {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @BeforeEach
    void recordSpans() {
        Tracing.install(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build());
    }

    @AfterEach
    void stopRecording() {
        Tracing.install(null);
    }

    @Test
    void aRequestsSpanJoinsTheCallersTraceAndParentsTheMessage() throws Exception {
        try (GatewayFixture gateway = new GatewayFixture()) {
            HttpResponse<String> r = gateway.send("POST", "/v1/offers", PROVIDER, GatewayITCase.offer("o-traced-1"),
                    "traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);

            SpanData span = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("pangan.gateway offer.posted"))
                    .findFirst().orElseThrow();
            assertThat(span.getTraceId()).isEqualTo(CALLER_TRACE);
            assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN);
            assertThat(span.getAttributes().asMap().toString()).contains("provider " + PROVIDER);

            long seq = new ObjectMapper().readTree(r.body()).get("seq").asLong();
            MessageInfo stored = gateway.nats.jetStreamManagement().getMessage(gateway.subjects.inputStream(SourceStream.OFFERS), seq);
            assertThat(stored.getHeaders().getFirst("traceparent"))
                    .as("the message carries the gateway's span, in the caller's trace")
                    .isEqualTo("00-" + CALLER_TRACE + "-" + span.getSpanId() + "-01");
        }
    }
}
