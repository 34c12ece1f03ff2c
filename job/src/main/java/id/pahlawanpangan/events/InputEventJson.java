package id.pahlawanpangan.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes input events in the contract's wire format (section 1), for generators and simulators. */
public final class InputEventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private InputEventJson() {}

    public static String write(InputEvent e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", e.type.wireName());
            switch (e.type) {
                case OFFER_POSTED:
                    g.writeStringField("offer_id", e.offerId);
                    g.writeStringField("provider_id", e.providerId);
                    g.writeNumberField("lat", e.lat);
                    g.writeNumberField("lon", e.lon);
                    g.writeStringField("category", e.category.wireName());
                    g.writeNumberField("quantity_kg", e.quantityKg);
                    if (e.portions != null) {
                        g.writeNumberField("portions", e.portions);
                    }
                    g.writeBooleanField("halal", e.halal);
                    g.writeBooleanField("vegetarian", e.vegetarian);
                    g.writeBooleanField("needs_cold_chain", e.needsColdChain);
                    g.writeStringField("ready_at", Times.format(e.readyAt));
                    g.writeStringField("expires_at", Times.format(e.expiresAt));
                    break;
                case OFFER_CANCELLED:
                    g.writeStringField("offer_id", e.offerId);
                    g.writeStringField("provider_id", e.providerId);
                    break;
                case NGO_AVAILABILITY:
                    g.writeStringField("ngo_id", e.ngoId);
                    g.writeNumberField("lat", e.lat);
                    g.writeNumberField("lon", e.lon);
                    g.writeNumberField("radius_km", e.radiusKm);
                    g.writeNumberField("capacity_kg", e.capacityKg);
                    g.writeArrayFieldStart("accepts");
                    for (Category c : Category.values()) {
                        if (c.isIn(e.accepts)) {
                            g.writeString(c.wireName());
                        }
                    }
                    g.writeEndArray();
                    g.writeBooleanField("halal_only", e.halalOnly);
                    g.writeBooleanField("vegetarian_only", e.vegetarianOnly);
                    g.writeBooleanField("has_cold_chain", e.hasColdChain);
                    g.writeBooleanField("active", e.active);
                    break;
                case CLAIM_ACCEPTED:
                case CLAIM_DECLINED:
                    g.writeStringField("offer_id", e.offerId);
                    g.writeStringField("ngo_id", e.ngoId);
                    break;
                case PICKUP_COMPLETED:
                    g.writeStringField("offer_id", e.offerId);
                    g.writeStringField("ngo_id", e.ngoId);
                    g.writeNumberField("picked_kg", e.pickedKg);
                    break;
                default:
                    throw new IllegalArgumentException("unhandled type " + e.type);
            }
            g.writeStringField("event_time", Times.format(e.eventTime));
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
