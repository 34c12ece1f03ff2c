package id.pahlawanpangan.events;

import java.util.Comparator;

/**
 * An output event of the contract (section 5): a decision about an offer, a rejected claim or a
 * rejected input. Fields a type does not have are null.
 *
 * <p>Besides the contract's fields it carries its cause (the input or timer that led to it and its
 * index among that cause's outputs). The cause makes {@link #eventId} deterministic and gives
 * every output a total, replay-independent order: {@link #DECISION_ORDER}.
 */
public class MatchEvent {
    public String eventId;
    public OutputType type;
    /** Null for rejected inputs that name no offer. */
    public String offerId;
    /** Event time of the decision, epoch ms. */
    public long at;

    public String ngoId;
    public Integer attempt;
    public Integer tier;
    public Double distanceKm;
    public Long holdUntil;
    public String reason;
    public Double pickedKg;
    /** The offer's portions, on {@code offer.completed} when the provider gave them. */
    public Integer portions;

    // the offer, for consumers' convenience
    public Double lat;
    public Double lon;
    public Double quantityKg;
    public String category;

    /** The original payload of a rejected input, as text; or base64-encoded when it is not text (contract v1.1). */
    public String payload;
    public String payloadBase64;
    /** True when the payload was cut to the payload limit; null otherwise. */
    public Boolean payloadTruncated;

    // cause: not part of the wire format, but encoded in eventId
    public int causeRank;
    public SourceStream causeStream;
    public long causeSeq;
    public int causeIndex;
    /** When the offer was posted (event time), for the job's latency metrics; not on the wire. */
    public Long offerPostedAt;
    /**
     * The W3C trace context: the offer's (its posting's ingest span) until the decision's own span
     * is recorded, then that span's. Sent as the NATS header {@code traceparent}; not in the JSON.
     */
    public String traceparent;

    public MatchEvent() {}

    /**
     * A total order in which each offer's events appear in decision order: by time, then offer,
     * then cause (timers before inputs, inputs in the contract's order), then position within the
     * cause. Used to write replay output deterministically.
     */
    public static final Comparator<MatchEvent> DECISION_ORDER =
            Comparator.<MatchEvent>comparingLong(e -> e.at)
                    .thenComparing(e -> e.offerId == null ? "" : e.offerId)
                    .thenComparingInt(e -> e.causeRank)
                    .thenComparing(e -> e.causeStream == null ? SourceStream.UNROUTED : e.causeStream)
                    .thenComparingLong(e -> e.causeSeq)
                    .thenComparingInt(e -> e.causeIndex);

    @Override
    public String toString() {
        return MatchEventJson.write(this);
    }
}
