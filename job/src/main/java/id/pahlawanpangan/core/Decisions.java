package id.pahlawanpangan.core;

import id.pahlawanpangan.events.DeadLetterPayload;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Creates output events for one cause at a time and hands them on in decision order.
 *
 * <p>An event's id is {@code <offer>/<cause>/<n>}: the offer (or {@code -}), the cause's code
 * (an input's stream and position, or a timer and its due time) and the event's position among
 * that cause's events for that offer. The same input therefore always yields the same ids,
 * whatever the parallelism or the interleaving of the input streams.
 */
public final class Decisions {
    private final Consumer<MatchEvent> sink;
    /** Events so far of the current cause, per offer. */
    private final Map<String, Integer> counts = new HashMap<>();
    private Cause cause;

    public Decisions(Consumer<MatchEvent> sink) {
        this.sink = sink;
    }

    /** Events created from now on are caused by this. */
    public void begin(Cause cause) {
        this.cause = cause;
        this.counts.clear();
    }

    public Cause cause() {
        return cause;
    }

    /** A new event about an offer, with the offer's details filled in; fill the rest, then {@link #emit}. */
    public MatchEvent about(OfferState offer, OutputType type, long at) {
        MatchEvent e = about(offer.offerId, type, at);
        e.lat = offer.lat;
        e.lon = offer.lon;
        e.quantityKg = offer.quantityKg;
        e.category = offer.category.wireName();
        e.offerPostedAt = offer.postedAt;
        e.traceparent = offer.traceparent;
        return e;
    }

    /** A new event naming only an offer id (null when the event names none). */
    public MatchEvent about(String offerId, OutputType type, long at) {
        MatchEvent e = new MatchEvent();
        e.type = type;
        e.offerId = offerId;
        e.at = at;
        e.traceparent = cause == null ? null : cause.traceparent();
        return e;
    }

    public void emit(MatchEvent e) {
        if (cause == null) {
            throw new IllegalStateException("no cause begun for " + e.type);
        }
        String offer = e.offerId == null ? "-" : e.offerId;
        // one cause (an NGO snapshot) may decide for several offers: number each offer's events
        int index = counts.merge(offer, 1, Integer::sum) - 1;
        e.causeRank = cause.rank();
        e.causeStream = cause.stream();
        e.causeSeq = cause.seq();
        e.causeIndex = index;
        e.eventId = offer + "/" + cause.code() + "/" + e.causeIndex;
        sink.accept(e);
    }

    public void claimRejected(String offerId, String ngoId, long at, String reason) {
        MatchEvent e = about(offerId, OutputType.CLAIM_REJECTED, at);
        e.ngoId = ngoId;
        e.reason = reason;
        emit(e);
    }

    public void inputRejected(String offerId, long at, String reason, DeadLetterPayload payload) {
        MatchEvent e = about(offerId, OutputType.INPUT_REJECTED, at);
        e.reason = reason;
        e.payload = payload.text;
        e.payloadBase64 = payload.base64;
        e.payloadTruncated = payload.truncated ? Boolean.TRUE : null;
        emit(e);
    }

    /** A rejection of an input that was valid on its own (so its payload is JSON text within the limit). */
    public void inputRejected(String offerId, long at, String reason, String validatedPayload) {
        inputRejected(offerId, at, reason, DeadLetterPayload.ofText(validatedPayload, Integer.MAX_VALUE));
    }
}
