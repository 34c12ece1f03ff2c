package id.pahlawanpangan.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;

/**
 * A JetStream input message as a line of a replay file, the way {@code bin/pangan export} writes
 * it: everything the live source made of the message, so that a replay takes it exactly as the
 * live job did. Its stream and stream sequence (the contract's tie-break, and the input's name in
 * event ids), the publisher its subject named (the identity rule), the server's receive time, the
 * trace context, and the payload as it came: as text, or in base64 when it was not UTF-8.
 *
 * <pre>{"jetstream":{"stream":"offers","seq":17,"subject":"pangan.in.offers.prov-1","publisher":"prov-1",
 *  "received_at":"2026-11-25T10:15:00.123Z","traceparent":"00-..."},"payload":"{\"type\":\"offer.posted\",...}"}</pre>
 *
 * <p>The payload is a string, never parsed here: a message that was not JSON, or that itself
 * looked like such a line, is carried as it came and judged by the parser as it was live.
 */
public final class ExportedMessage {
    /** The top-level key that makes a replay line an exported message. */
    public static final String KEY = "jetstream";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private ExportedMessage() {}

    /** The line for a message as the live source read it, published on {@code subject}. */
    public static String line(RawInput raw, String subject) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart(KEY);
            g.writeStringField("stream", streamName(raw.stream));
            g.writeNumberField("seq", raw.seq);
            g.writeStringField("subject", subject);
            g.writeStringField("publisher", raw.publisherId);
            g.writeStringField("received_at", Times.format(raw.receivedAt));
            if (raw.traceparent != null) {
                g.writeStringField("traceparent", raw.traceparent);
            }
            g.writeEndObject();
            if (raw.payload != null) {
                g.writeStringField("payload", raw.payload);
            } else if (raw.undecodablePayload != null) {
                g.writeStringField("payload_base64", Base64.getEncoder().encodeToString(raw.undecodablePayload));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The message of an exported line, as the live source made it; its {@link RawInput#fallbackTime}
     * is its receive time, as live.
     *
     * @throws IllegalArgumentException naming what is wrong, when the line is not a well-formed exported message
     */
    public static RawInput read(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("an exported message that is not JSON");
        }
        JsonNode m = root.path(KEY);
        if (!m.isObject()) {
            throw new IllegalArgumentException("not an exported message: no \"" + KEY + "\" object");
        }
        SourceStream stream = streamNamed(text(m, "stream"));
        JsonNode seq = m.get("seq");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || seq.asLong() < 1) {
            throw new IllegalArgumentException("an exported message needs \"seq\", a stream sequence of at least 1");
        }
        String publisher = text(m, "publisher");
        long receivedAt;
        try {
            receivedAt = Times.parseContractTime(text(m, "received_at"), "received_at");
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("an exported message's \"received_at\" is not a contract time (" + e.reason() + ")");
        }
        String payload = root.hasNonNull("payload") ? root.get("payload").asText() : null;
        RawInput raw = new RawInput(stream, seq.asLong(), publisher, payload, receivedAt);
        if (payload == null && root.hasNonNull("payload_base64")) {
            try {
                raw.undecodablePayload = Base64.getDecoder().decode(root.get("payload_base64").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("an exported message's \"payload_base64\" is not base64");
            }
        }
        if (m.hasNonNull("traceparent")) {
            raw.traceparent = m.get("traceparent").asText();
        }
        return raw;
    }

    static String streamName(SourceStream stream) {
        return stream.name().toLowerCase(Locale.ROOT);
    }

    private static SourceStream streamNamed(String name) {
        for (SourceStream s : SourceStream.values()) {
            if (s != SourceStream.UNROUTED && streamName(s).equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("an exported message's \"stream\" must be offers, ngos or claims, was " + name);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("an exported message needs \"" + field + "\" as a string");
        }
        return v.asText();
    }
}
