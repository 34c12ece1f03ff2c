package id.pahlawanpangan.events;

import java.util.Objects;

/**
 * A validated input event of any type (contract section 1). One flat POJO rather than a class per
 * type, so that Flink serializes it with its POJO serializer and never falls back to Kryo; the
 * fields a type does not have keep their defaults.
 *
 * <p>Times are epoch milliseconds (UTC).
 */
public class InputEvent {
    public InputType type;
    public long eventTime;

    public String offerId;
    public String providerId;
    public String ngoId;

    /** Offer or NGO location, WGS84 degrees. */
    public double lat;
    public double lon;

    // offer.posted
    public Category category;
    public double quantityKg;
    /** Optional; null when the provider did not say. */
    public Integer portions;
    public boolean halal;
    public boolean vegetarian;
    public boolean needsColdChain;
    public long readyAt;
    public long expiresAt;

    // ngo.availability
    public double radiusKm;
    public double capacityKg;
    /** Categories accepted, as a {@link Category} bit mask. */
    public int accepts;
    public boolean halalOnly;
    public boolean vegetarianOnly;
    public boolean hasColdChain;
    public boolean active;

    // pickup.completed
    public double pickedKg;

    // where it came from
    public SourceStream stream;
    public long seq;
    /**
     * When the message was received ({@link RawInput#receivedAt}; {@link RawInput#NO_RECEIVE_TIME}
     * for a replay line without one): what moves event time forward, not the event's own time.
     */
    public long receivedAt = RawInput.NO_RECEIVE_TIME;
    /**
     * The original payload, kept for offer-stream events only: they are the ones the job may
     * still reject after parsing (duplicate posting, wrong provider, closed offer).
     */
    public String payload;

    /**
     * The S2 cell this event is routed to, set by the job's routing steps: the offer's cell for
     * offer events, each touched cell for an NGO's snapshot.
     */
    public long cell;

    /** The W3C trace context of this event's ingest span (or its publisher's), or null. */
    public String traceparent;

    public InputEvent() {}

    /** A copy routed to one cell. */
    public InputEvent routedTo(long target) {
        InputEvent copy = copy();
        copy.cell = target;
        return copy;
    }

    public InputEvent copy() {
        InputEvent c = new InputEvent();
        c.type = type;
        c.eventTime = eventTime;
        c.offerId = offerId;
        c.providerId = providerId;
        c.ngoId = ngoId;
        c.lat = lat;
        c.lon = lon;
        c.category = category;
        c.quantityKg = quantityKg;
        c.portions = portions;
        c.halal = halal;
        c.vegetarian = vegetarian;
        c.needsColdChain = needsColdChain;
        c.readyAt = readyAt;
        c.expiresAt = expiresAt;
        c.radiusKm = radiusKm;
        c.capacityKg = capacityKg;
        c.accepts = accepts;
        c.halalOnly = halalOnly;
        c.vegetarianOnly = vegetarianOnly;
        c.hasColdChain = hasColdChain;
        c.active = active;
        c.pickedKg = pickedKg;
        c.stream = stream;
        c.seq = seq;
        c.receivedAt = receivedAt;
        c.payload = payload;
        c.cell = cell;
        c.traceparent = traceparent;
        return c;
    }

    /**
     * The source of {@code stream} has read it to the end as of {@code readUpTo}: every message
     * it delivers from now on was received at or after that time ({@link
     * InputType#SOURCE_CAUGHT_UP}). It has no event time of its own: it tells the watermarks, and
     * goes no further.
     */
    public static InputEvent sourceCaughtUp(SourceStream stream, long seq, long readUpTo) {
        InputEvent e = new InputEvent();
        e.type = InputType.SOURCE_CAUGHT_UP;
        e.eventTime = Long.MIN_VALUE;
        e.stream = stream;
        e.seq = seq;
        e.receivedAt = readUpTo;
        return e;
    }

    /** Whether the receive time of this event is known (always live; in a replay, when the line gave one). */
    public boolean hasReceiveTime() {
        return receivedAt != RawInput.NO_RECEIVE_TIME;
    }

    /**
     * Whether two postings carry the same offer, apart from their event time: a repeated posting
     * with the same content is ignored, with different content it is rejected.
     */
    public boolean sameOfferContent(InputEvent other) {
        return Objects.equals(offerId, other.offerId)
                && Objects.equals(providerId, other.providerId)
                && Double.compare(lat, other.lat) == 0
                && Double.compare(lon, other.lon) == 0
                && category == other.category
                && Double.compare(quantityKg, other.quantityKg) == 0
                && Objects.equals(portions, other.portions)
                && halal == other.halal
                && vegetarian == other.vegetarian
                && needsColdChain == other.needsColdChain
                && readyAt == other.readyAt
                && expiresAt == other.expiresAt;
    }

    /** The order of section 2 for events of equal time: type priority, then stream position. */
    public static int compareAtEqualTime(InputEvent a, InputEvent b) {
        int c = Integer.compare(a.type.priority(), b.type.priority());
        if (c != 0) {
            return c;
        }
        c = a.stream.compareTo(b.stream);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }

    @Override
    public String toString() {
        return type.wireName() + "@" + eventTime + "[" + (offerId != null ? offerId : "") + (ngoId != null ? " " + ngoId : "") + " " + stream + "#" + seq + "]";
    }
}
