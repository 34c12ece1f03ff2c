package id.pahlawanpangan.tracing;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RawInput;
import io.opentelemetry.api.trace.SpanKind;
import java.util.HashMap;
import java.util.Map;

/** The spans the job records: one per input it ingests, one per decision it makes. */
public final class DecisionSpans {
    private DecisionSpans() {}

    /** The ingest span of a valid input, child of its publisher's context; the event carries it on. */
    public static void ingested(RawInput raw, InputEvent event) {
        if (!Tracing.enabled()) {
            event.traceparent = raw.traceparent;
            return;
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("pangan.stream", String.valueOf(raw.stream));
        attributes.put("pangan.seq", Long.toString(raw.seq));
        if (event.offerId != null) {
            attributes.put("pangan.offer_id", event.offerId);
        }
        if (event.ngoId != null) {
            attributes.put("pangan.ngo_id", event.ngoId);
        }
        event.traceparent = Tracing.span("pangan.ingest " + event.type.wireName(), raw.traceparent, SpanKind.CONSUMER, attributes);
    }

    /** The ingest span of an input that is rejected before it becomes an event. */
    public static String rejectedOnIngest(RawInput raw, String reason) {
        if (!Tracing.enabled()) {
            return raw.traceparent;
        }
        return Tracing.span("pangan.ingest rejected", raw.traceparent, SpanKind.CONSUMER,
                Map.of("pangan.stream", String.valueOf(raw.stream), "pangan.seq", Long.toString(raw.seq), "pangan.reason", reason));
    }

    /** The decision's span, child of the context the event carries (its offer's); the event then carries the span's. */
    public static void decided(MatchEvent e) {
        if (!Tracing.enabled()) {
            return; // the offer's context goes on as it is
        }
        Map<String, String> attributes = new HashMap<>();
        attributes.put("pangan.event_id", e.eventId);
        attributes.put("pangan.decision", e.type.wireName());
        if (e.offerId != null) {
            attributes.put("pangan.offer_id", e.offerId);
        }
        if (e.ngoId != null) {
            attributes.put("pangan.ngo_id", e.ngoId);
        }
        if (e.reason != null) {
            attributes.put("pangan.reason", e.reason);
        }
        e.traceparent = Tracing.span("pangan.decide " + e.type.wireName(), e.traceparent, SpanKind.INTERNAL, attributes);
    }
}
