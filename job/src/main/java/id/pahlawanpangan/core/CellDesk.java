package id.pahlawanpangan.core;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.RejectReason;

/**
 * Applies inputs and due timers to the offers and NGOs of one shard, in the order it is given
 * them: loads the offer, lets the {@link OfferLifecycle} decide, stores the result. Everything a
 * shard decides goes through here, in Flink and in the sequential reference alike.
 *
 * <p>It expects the postings it is given to be first postings (repeats are recognised
 * upstream, where all postings of an offer id meet), and claims and cancellations only for offer
 * ids that were posted.
 */
public final class CellDesk {
    /** Told of every change of an offer's status, for gauges of open and held offers. */
    public interface StatusChanges {
        StatusChanges NONE = (from, to) -> { };

        /** {@code from} is null for a new offer. */
        void changed(OfferStatus from, OfferStatus to);
    }

    private final OfferLifecycle lifecycle;
    private final OfferBook offers;
    private final NgoBook ngos;
    private final StatusChanges statusChanges;

    public CellDesk(OfferLifecycle lifecycle, OfferBook offers, NgoBook ngos) {
        this(lifecycle, offers, ngos, StatusChanges.NONE);
    }

    public CellDesk(OfferLifecycle lifecycle, OfferBook offers, NgoBook ngos, StatusChanges statusChanges) {
        this.lifecycle = lifecycle;
        this.offers = offers;
        this.ngos = ngos;
        this.statusChanges = statusChanges;
    }

    /** Applies one input as its own cause. */
    public void apply(InputEvent e, Decisions out) {
        out.begin(Cause.input(e));
        switch (e.type) {
            case NGO_AVAILABILITY:
                applyAvailability(e, out);
                break;
            case OFFER_POSTED:
                applyPosting(e, out);
                break;
            case OFFER_CANCELLED:
                applyCancellation(e, out);
                break;
            case CLAIM_ACCEPTED:
            case CLAIM_DECLINED:
            case PICKUP_COMPLETED:
                applyClaim(e, out);
                break;
            default:
                throw new IllegalArgumentException("unhandled input type " + e.type);
        }
    }

    /** The offer's timer at {@code at} is due: fire what is due, or forget an old tombstone. */
    public void timerDue(String offerId, long at, Decisions out) {
        OfferState s = offers.live(offerId);
        if (s != null) {
            OfferStatus before = s.status;
            lifecycle.advance(s, at, ngos.all(), out);
            save(s, before, at);
        } else if (offers.isClosed(offerId)) {
            offers.forgetClosed(offerId);
        }
    }

    private void applyAvailability(InputEvent e, Decisions out) {
        NgoSnapshot held = ngos.get(e.ngoId);
        if (held != null && e.eventTime < held.eventTime) {
            return; // older than the snapshot held
        }
        NgoSnapshot snapshot = NgoSnapshot.of(e);
        if (!snapshot.active) {
            ngos.remove(e.ngoId); // never eligible while inactive: it cannot help an open offer
            return;
        }
        ngos.put(snapshot);
        // only an offer the snapshot makes eligible can change; proposing one changes no other's eligibility
        Eligibility eligibility = lifecycle.eligibility();
        for (OfferState s : offers.openOffersInPostingOrder(o -> eligibility.eligible(o, snapshot))) {
            long timerAt = lifecycle.nextTimerAt(s);
            OfferStatus before = s.status;
            if (lifecycle.ngoAvailable(s, snapshot, e.eventTime, ngos.all(), out)) {
                save(s, before, timerAt);
            }
        }
    }

    private void applyPosting(InputEvent e, Decisions out) {
        if (offers.live(e.offerId) != null || offers.isClosed(e.offerId)) {
            return; // a repeat that reached the shard again (replayed after a restart)
        }
        save(lifecycle.post(e, ngos.all(), out), null, Long.MAX_VALUE);
    }

    private void applyCancellation(InputEvent e, Decisions out) {
        OfferState s = offers.live(e.offerId);
        // a closed offer is closed to everyone; only a live one asks who is cancelling
        String reason = offers.isClosed(e.offerId) ? RejectReason.OFFER_CLOSED
                : s == null ? RejectReason.UNKNOWN_OFFER
                : !s.providerId.equals(e.providerId) ? RejectReason.NOT_PROVIDER
                : null;
        if (reason != null) {
            out.inputRejected(e.offerId, e.eventTime, reason, e.payload);
            return;
        }
        long timerAt = lifecycle.nextTimerAt(s);
        OfferStatus before = s.status;
        lifecycle.cancel(s, e, ngos.all(), out);
        save(s, before, timerAt);
    }

    private void applyClaim(InputEvent e, Decisions out) {
        OfferState s = offers.live(e.offerId);
        if (s == null) {
            String reason = offers.isClosed(e.offerId) ? RejectReason.OFFER_CLOSED : RejectReason.UNKNOWN_OFFER;
            out.claimRejected(e.offerId, e.ngoId, e.eventTime, reason);
            return;
        }
        long timerAt = lifecycle.nextTimerAt(s);
        OfferStatus before = s.status;
        switch (e.type) {
            case CLAIM_ACCEPTED:
                lifecycle.claimAccepted(s, e, ngos.all(), out);
                break;
            case CLAIM_DECLINED:
                lifecycle.claimDeclined(s, e, ngos.all(), out);
                break;
            default:
                lifecycle.pickupCompleted(s, e, ngos.all(), out);
        }
        save(s, before, timerAt);
    }

    private void save(OfferState s, OfferStatus before, long previousTimerAt) {
        if (s.status != before) {
            statusChanges.changed(before, s.status);
        }
        if (s.status.isTerminal()) {
            // the tombstone answers "offer_closed" until the offer closed longer ago than the retention
            offers.close(s, previousTimerAt, s.closedAt + lifecycle.policy().closedRetentionMs() + 1);
        } else {
            offers.saveLive(s, previousTimerAt, lifecycle.nextTimerAt(s));
        }
    }
}
