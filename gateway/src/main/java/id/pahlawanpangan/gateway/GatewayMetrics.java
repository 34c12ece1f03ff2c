package id.pahlawanpangan.gateway;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.config.EscapingScheme;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The gateway's Prometheus metrics, served at {@code /metrics}: requests by route and status
 * (route templates, never raw paths, so that ids do not blow up the series), their latency,
 * JetStream's acknowledgement time, refusals by reason, and the event streams open.
 */
public final class GatewayMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Histogram jetStreamAck;
    private final Counter refused;
    private final Gauge eventStreams;
    private final Counter eventsSent;

    public GatewayMetrics() {
        JvmMetrics.builder().register(registry);
        requests = Counter.builder().name("pangan_gateway_requests_total").help("HTTP requests answered, by route and status")
                .labelNames("method", "route", "status").register(registry);
        latency = Histogram.builder().name("pangan_gateway_request_seconds")
                .help("From the request's arrival to its answer (202: JetStream has stored the event)")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
                .classicOnly().labelNames("method", "route").register(registry);
        jetStreamAck = Histogram.builder().name("pangan_gateway_jetstream_ack_seconds")
                .help("From publishing an input event to JetStream's acknowledgement")
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)
                .classicOnly().register(registry);
        refused = Counter.builder().name("pangan_gateway_refused_total")
                .help("Requests refused, by reason (the contract's input reasons, identity_mismatch, unauthenticated, ...)")
                .labelNames("reason").register(registry);
        eventStreams = Gauge.builder().name("pangan_gateway_event_streams").help("Server-sent event streams open, by kind")
                .labelNames("kind").register(registry);
        eventsSent = Counter.builder().name("pangan_gateway_events_sent_total").help("Server-sent events written, by kind of stream")
                .labelNames("kind").register(registry);
    }

    void answered(String method, String route, int status, long nanos) {
        requests.labelValues(method, route, Integer.toString(status)).inc();
        latency.labelValues(method, route).observe(nanos / 1e9);
    }

    void acknowledged(long nanos) {
        jetStreamAck.observe(nanos / 1e9);
    }

    void refused(String reason) {
        // the reason is one of ours, never the client's text: the label set stays small
        int colon = reason.indexOf(':');
        refused.labelValues(colon < 0 ? reason : reason.substring(0, colon)).inc();
    }

    void streamOpened(String kind) {
        eventStreams.labelValues(kind).inc();
    }

    void streamClosed(String kind) {
        eventStreams.labelValues(kind).dec();
    }

    void eventSent(String kind) {
        eventsSent.labelValues(kind).inc();
    }

    public String contentType() {
        return writer.getContentType();
    }

    public byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        return out.toByteArray();
    }
}
