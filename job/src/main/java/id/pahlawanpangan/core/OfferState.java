package id.pahlawanpangan.core;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import java.util.Arrays;
import java.util.Comparator;

/** Everything the lifecycle needs to know about one live offer. */
public class OfferState {
    public String offerId;
    public String providerId;
    public double lat;
    public double lon;
    public Category category;
    public double quantityKg;
    /** Optional: portions, as the provider gave them. */
    public Integer portions;
    public boolean halal;
    public boolean vegetarian;
    public boolean needsColdChain;
    public long postedAt;
    public long expiresAt;

    public OfferStatus status;
    /** The NGO holding the claim window (HELD) or the claimer (CLAIMED); null otherwise. */
    public String holder;
    /** Number of proposals made so far. */
    public int attempt;
    /** End of the current claim window (HELD only). */
    public long holdUntil;
    public boolean escalated;
    public boolean nearExpiryChecked;
    /** Every NGO proposed this offer so far, in order: none of them is proposed it again. */
    public String[] proposedTo = new String[0];
    /** When the offer reached its terminal state. */
    public long closedAt;
    /** The trace context of the offer's posting: every decision about the offer belongs to its trace. */
    public String traceparent;

    public OfferState() {}

    /** The order in which waiting offers are served: by posting time, then id. */
    public static final Comparator<OfferState> POSTING_ORDER =
            Comparator.<OfferState>comparingLong(s -> s.postedAt).thenComparing(s -> s.offerId);

    /** A newly posted offer, open, before its first proposal. */
    public static OfferState posted(InputEvent offer) {
        OfferState s = new OfferState();
        s.offerId = offer.offerId;
        s.providerId = offer.providerId;
        s.lat = offer.lat;
        s.lon = offer.lon;
        s.category = offer.category;
        s.quantityKg = offer.quantityKg;
        s.portions = offer.portions;
        s.halal = offer.halal;
        s.vegetarian = offer.vegetarian;
        s.needsColdChain = offer.needsColdChain;
        s.postedAt = offer.eventTime;
        s.expiresAt = offer.expiresAt;
        s.status = OfferStatus.OPEN;
        s.traceparent = offer.traceparent;
        return s;
    }

    public boolean wasProposedTo(String ngoId) {
        for (String n : proposedTo) {
            if (n.equals(ngoId)) {
                return true;
            }
        }
        return false;
    }

    void rememberProposalTo(String ngoId) {
        proposedTo = Arrays.copyOf(proposedTo, proposedTo.length + 1);
        proposedTo[proposedTo.length - 1] = ngoId;
    }

    public boolean isHeldOrClaimedBy(String ngoId) {
        return (status == OfferStatus.HELD || status == OfferStatus.CLAIMED) && ngoId.equals(holder);
    }

    @Override
    public String toString() {
        return offerId + "[" + status + (holder != null ? " " + holder : "") + " attempt=" + attempt + "]";
    }
}
