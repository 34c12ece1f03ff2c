package id.pahlawanpangan.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The wire format of output events: one JSON object, fields in a fixed order, absent fields
 * left out, so that the same event always has the same bytes.
 */
public final class MatchEventJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper READER = new ObjectMapper();

    private MatchEventJson() {}

    public static String write(MatchEvent e) {
        return write(e, true);
    }

    /**
     * Without a rejected input's payload: for {@code match_events}, whose dead letters point to
     * {@code rejected_input}, which holds the payload once.
     */
    public static String writeWithoutPayload(MatchEvent e) {
        return write(e, false);
    }

    private static String write(MatchEvent e, boolean withPayload) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event_id", e.eventId);
            g.writeStringField("type", e.type == null ? null : e.type.wireName());
            if (e.offerId != null) {
                g.writeStringField("offer_id", e.offerId);
            }
            g.writeStringField("at", Times.format(e.at));
            if (e.ngoId != null) {
                g.writeStringField("ngo_id", e.ngoId);
            }
            if (e.attempt != null) {
                g.writeNumberField("attempt", e.attempt);
            }
            if (e.tier != null) {
                g.writeNumberField("tier", e.tier);
            }
            if (e.distanceKm != null) {
                g.writeNumberField("distance_km", e.distanceKm);
            }
            if (e.holdUntil != null) {
                g.writeStringField("hold_until", Times.format(e.holdUntil));
            }
            if (e.reason != null) {
                g.writeStringField("reason", e.reason);
            }
            if (e.pickedKg != null) {
                g.writeNumberField("picked_kg", e.pickedKg);
            }
            if (e.portions != null) {
                g.writeNumberField("portions", e.portions);
            }
            if (e.lat != null) {
                g.writeNumberField("lat", e.lat);
                g.writeNumberField("lon", e.lon);
            }
            if (e.quantityKg != null) {
                g.writeNumberField("quantity_kg", e.quantityKg);
            }
            if (e.category != null) {
                g.writeStringField("category", e.category);
            }
            if (withPayload) {
                if (e.payload != null) {
                    g.writeStringField("payload", e.payload);
                }
                if (e.payloadBase64 != null) {
                    g.writeStringField("payload_base64", e.payloadBase64);
                }
                if (e.payloadTruncated != null) {
                    g.writeBooleanField("payload_truncated", e.payloadTruncated);
                }
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** Reads an output event back (tests and tools); the cause fields stay unset. */
    public static MatchEvent read(String json) {
        try {
            JsonNode n = READER.readTree(json);
            MatchEvent e = new MatchEvent();
            e.eventId = text(n, "event_id");
            e.type = OutputType.fromWire(text(n, "type"));
            e.offerId = text(n, "offer_id");
            e.at = Times.parse(text(n, "at"));
            e.ngoId = text(n, "ngo_id");
            e.attempt = n.hasNonNull("attempt") ? n.get("attempt").intValue() : null;
            e.tier = n.hasNonNull("tier") ? n.get("tier").intValue() : null;
            e.distanceKm = n.hasNonNull("distance_km") ? n.get("distance_km").doubleValue() : null;
            e.holdUntil = n.hasNonNull("hold_until") ? Times.parse(text(n, "hold_until")) : null;
            e.reason = text(n, "reason");
            e.pickedKg = n.hasNonNull("picked_kg") ? n.get("picked_kg").doubleValue() : null;
            e.portions = n.hasNonNull("portions") ? n.get("portions").intValue() : null;
            e.lat = n.hasNonNull("lat") ? n.get("lat").doubleValue() : null;
            e.lon = n.hasNonNull("lon") ? n.get("lon").doubleValue() : null;
            e.quantityKg = n.hasNonNull("quantity_kg") ? n.get("quantity_kg").doubleValue() : null;
            e.category = text(n, "category");
            e.payload = text(n, "payload");
            e.payloadBase64 = text(n, "payload_base64");
            e.payloadTruncated = n.hasNonNull("payload_truncated") ? n.get("payload_truncated").booleanValue() : null;
            return e;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
