package id.pahlawanpangan.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Traces from an offer to the NGO's phone. Each input event gets an ingest span, child of the W3C
 * {@code traceparent} its publisher sent; each decision gets a span whose parent is the ingest
 * span of the offer's posting, so all of an offer's decisions share the posting's trace. Contexts
 * travel inside the records as {@code traceparent} strings, so they survive every keyBy.
 *
 * <p>Spans are exported over OTLP when the standard OpenTelemetry variables configure it
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, or {@code OTEL_TRACES_EXPORTER}); otherwise the tracer is
 * a no-op: no span is recorded, and the publisher's trace context is passed on unchanged.
 */
public final class Tracing {
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static volatile OpenTelemetry openTelemetry;

    private Tracing() {}

    /** For tests: use this OpenTelemetry instead of the configured one. */
    public static void install(OpenTelemetry instance) {
        openTelemetry = instance;
    }

    static OpenTelemetry get() {
        OpenTelemetry current = openTelemetry;
        if (current == null) {
            synchronized (Tracing.class) {
                if (openTelemetry == null) {
                    openTelemetry = configured() ? AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk() : OpenTelemetry.noop();
                }
                current = openTelemetry;
            }
        }
        return current;
    }

    private static boolean configured() {
        return System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != null || System.getenv("OTEL_TRACES_EXPORTER") != null
                || System.getProperty("otel.traces.exporter") != null;
    }

    /** Whether spans are recorded at all. */
    public static boolean enabled() {
        return get() != OpenTelemetry.noop();
    }

    /**
     * Records a span, child of {@code parentTraceparent} (or the root of a new trace without one),
     * ending at once; returns the traceparent to pass on: the span's, or, with tracing off, the
     * parent's unchanged (without parsing it: no cost when tracing is not configured).
     */
    public static String span(String name, String parentTraceparent, SpanKind kind, Map<String, String> attributes) {
        OpenTelemetry otel = get();
        if (otel == OpenTelemetry.noop()) {
            return parentTraceparent;
        }
        Span span = otel.getTracer("id.pahlawanpangan").spanBuilder(name).setParent(extract(parentTraceparent)).setSpanKind(kind).startSpan();
        if (!span.isRecording()) {
            return parentTraceparent; // sampled out
        }
        attributes.forEach(span::setAttribute);
        span.end();
        return inject(Context.root().with(span));
    }

    /** The trace id of a traceparent, or null. */
    public static String traceId(String traceparent) {
        SpanContext c = Span.fromContext(extract(traceparent)).getSpanContext();
        return c.isValid() ? c.getTraceId() : null;
    }

    private static Context extract(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Collections.singletonMap("traceparent", traceparent), GETTER);
    }

    private static String inject(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, SETTER);
        return carrier.get("traceparent");
    }

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> carrier.put(key, value);
}
