package id.pahlawanpangan.core;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.events.RejectReason;
import java.io.Serializable;

/**
 * The offer lifecycle of the contract (section 4) as a plain state machine: given an offer's
 * state, the NGOs that may serve it and one input or timer, it updates the state and emits the
 * decisions. It knows nothing of Flink: the operators load state, call it, and store the result.
 *
 * <p>Every method that applies an input fires, right after that input's decision, the timers it
 * set at or before its own time (contract section 2), as part of the same cause.
 */
public final class OfferLifecycle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MatchPolicy policy;
    private final Eligibility eligibility;

    public OfferLifecycle(MatchPolicy policy) {
        this.policy = policy;
        this.eligibility = new Eligibility(policy);
    }

    public MatchPolicy policy() {
        return policy;
    }

    public Eligibility eligibility() {
        return eligibility;
    }

    /** A new offer: propose it to the best candidate, or escalate and leave it open. */
    public OfferState post(InputEvent offer, NgoTable ngos, Decisions out) {
        OfferState s = OfferState.posted(offer);
        proposeNext(s, offer.eventTime, ngos, out);
        fireTimersUpTo(s, offer.eventTime, ngos, out, true);
        return s;
    }

    /** Cancellation by the offer's provider (the caller has checked who sent it). */
    public void cancel(OfferState s, InputEvent e, NgoTable ngos, Decisions out) {
        MatchEvent cancelled = out.about(s, OutputType.OFFER_CANCELLED, e.eventTime);
        cancelled.ngoId = s.status == OfferStatus.HELD || s.status == OfferStatus.CLAIMED ? s.holder : null;
        out.emit(cancelled);
        close(s, OfferStatus.CANCELLED, e.eventTime);
    }

    public void claimAccepted(OfferState s, InputEvent e, NgoTable ngos, Decisions out) {
        if (s.status == OfferStatus.HELD && e.ngoId.equals(s.holder) && e.eventTime < s.holdUntil) {
            MatchEvent claimed = out.about(s, OutputType.OFFER_CLAIMED, e.eventTime);
            claimed.ngoId = s.holder;
            claimed.attempt = s.attempt;
            out.emit(claimed);
            s.status = OfferStatus.CLAIMED;
            s.holdUntil = 0;
        } else if (s.status == OfferStatus.CLAIMED && e.ngoId.equals(s.holder)) {
            return; // the claimer said it again: nothing changes
        } else {
            out.claimRejected(s.offerId, e.ngoId, e.eventTime, RejectReason.NOT_HOLDER);
        }
        fireTimersUpTo(s, e.eventTime, ngos, out, true);
    }

    /** A decline from the holder, or from the claimer who can no longer come. */
    public void claimDeclined(OfferState s, InputEvent e, NgoTable ngos, Decisions out) {
        if (s.isHeldOrClaimedBy(e.ngoId)) {
            endProposal(s, OutputType.OFFER_DECLINED, e.eventTime, ngos, out);
        } else {
            out.claimRejected(s.offerId, e.ngoId, e.eventTime, RejectReason.NOT_HOLDER);
        }
        fireTimersUpTo(s, e.eventTime, ngos, out, true);
    }

    public void pickupCompleted(OfferState s, InputEvent e, NgoTable ngos, Decisions out) {
        if (s.status == OfferStatus.CLAIMED && e.ngoId.equals(s.holder)) {
            MatchEvent completed = out.about(s, OutputType.OFFER_COMPLETED, e.eventTime);
            completed.ngoId = s.holder;
            completed.pickedKg = e.pickedKg;
            completed.portions = s.portions;
            out.emit(completed);
            close(s, OfferStatus.COMPLETED, e.eventTime);
        } else {
            out.claimRejected(s.offerId, e.ngoId, e.eventTime, RejectReason.NOT_CLAIMER);
        }
    }

    /**
     * A new availability snapshot was applied: an open offer goes to the best candidate if the
     * snapshot made its NGO eligible. Returns whether the offer changed.
     */
    public boolean ngoAvailable(OfferState s, NgoSnapshot ngo, long at, NgoTable ngos, Decisions out) {
        if (s.status != OfferStatus.OPEN || !eligibility.eligible(s, ngo)) {
            return false;
        }
        proposeNext(s, at, ngos, out);
        fireTimersUpTo(s, at, ngos, out, true);
        return true;
    }

    /** Fires, each as its own cause, the offer's timers due at or before {@code until}. */
    public void advance(OfferState s, long until, NgoTable ngos, Decisions out) {
        fireTimersUpTo(s, until, ngos, out, false);
    }

    /** When the offer's next timer is due, or {@link Long#MAX_VALUE} when it has none. */
    public long nextTimerAt(OfferState s) {
        Cause.Timer t = nextTimer(s);
        return t == null ? Long.MAX_VALUE : timerAt(s, t);
    }

    private void fireTimersUpTo(OfferState s, long until, NgoTable ngos, Decisions out, boolean rightAfterDecision) {
        Cause.Timer timer;
        while ((timer = nextTimer(s)) != null && timerAt(s, timer) <= until) {
            long due = timerAt(s, timer);
            long at = due;
            if (rightAfterDecision) {
                at = until; // set at or before the decision that set it: fires with that decision
            } else {
                out.begin(Cause.timer(timer, due));
            }
            switch (timer) {
                case OFFER_EXPIRY:
                    expire(s, at, out);
                    break;
                case HOLD_EXPIRY:
                    endProposal(s, OutputType.OFFER_HOLD_EXPIRED, at, ngos, out);
                    break;
                case NEAR_EXPIRY_CHECK:
                    s.nearExpiryChecked = true;
                    if (s.status != OfferStatus.CLAIMED) {
                        escalate(s, "near_expiry", at, out);
                    }
                    break;
                default:
                    throw new IllegalStateException("unhandled timer " + timer);
            }
        }
    }

    private Cause.Timer nextTimer(OfferState s) {
        if (s.status.isTerminal()) {
            return null;
        }
        // at equal times: offer expiry, then hold expiry, then the near-expiry check
        Cause.Timer next = Cause.Timer.OFFER_EXPIRY;
        if (s.status == OfferStatus.HELD && s.holdUntil < timerAt(s, next)) {
            next = Cause.Timer.HOLD_EXPIRY;
        }
        if (!s.nearExpiryChecked && nearExpiryAt(s) < timerAt(s, next)) {
            next = Cause.Timer.NEAR_EXPIRY_CHECK;
        }
        return next;
    }

    private long timerAt(OfferState s, Cause.Timer timer) {
        switch (timer) {
            case OFFER_EXPIRY:
                return s.expiresAt;
            case HOLD_EXPIRY:
                return s.holdUntil;
            case NEAR_EXPIRY_CHECK:
                return nearExpiryAt(s);
            default:
                throw new IllegalStateException("unhandled timer " + timer);
        }
    }

    private long nearExpiryAt(OfferState s) {
        return s.expiresAt - policy.escalateBeforeExpiryMs();
    }

    private void expire(OfferState s, long at, Decisions out) {
        boolean claimed = s.status == OfferStatus.CLAIMED;
        MatchEvent e = out.about(s, claimed ? OutputType.OFFER_PICKUP_MISSED : OutputType.OFFER_EXPIRED, at);
        e.ngoId = claimed || s.status == OfferStatus.HELD ? s.holder : null;
        out.emit(e);
        close(s, claimed ? OfferStatus.PICKUP_MISSED : OfferStatus.EXPIRED, at);
    }

    /** The current proposal ended without a (lasting) claim: cascade to the next NGO. */
    private void endProposal(OfferState s, OutputType how, long at, NgoTable ngos, Decisions out) {
        MatchEvent ended = out.about(s, how, at);
        ended.ngoId = s.holder;
        ended.attempt = s.attempt;
        out.emit(ended);
        if (s.attempt == policy.maxProposals()) {
            escalate(s, "max_proposals", at, out);
        }
        proposeNext(s, at, ngos, out);
    }

    private void proposeNext(OfferState s, long at, NgoTable ngos, Decisions out) {
        Candidate best = eligibility.best(s, ngos);
        if (best == null) {
            escalate(s, "no_candidate", at, out);
            s.status = OfferStatus.OPEN;
            s.holder = null;
            s.holdUntil = 0;
            return;
        }
        s.attempt++;
        s.status = OfferStatus.HELD;
        s.holder = best.ngoId();
        s.holdUntil = Math.min(at + policy.claimWindowMs(), s.expiresAt);
        s.rememberProposalTo(best.ngoId());
        MatchEvent proposed = out.about(s, OutputType.OFFER_PROPOSED, at);
        proposed.ngoId = best.ngoId();
        proposed.attempt = s.attempt;
        proposed.tier = best.tier();
        proposed.distanceKm = roundToMillimetres(best.distanceKm());
        proposed.holdUntil = s.holdUntil;
        out.emit(proposed);
    }

    /** Escalation notifies a dispatcher at most once per offer; the cascade goes on. */
    private void escalate(OfferState s, String reason, long at, Decisions out) {
        if (s.escalated) {
            return;
        }
        s.escalated = true;
        MatchEvent e = out.about(s, OutputType.OFFER_ESCALATED, at);
        e.reason = reason;
        out.emit(e);
    }

    private static void close(OfferState s, OfferStatus terminal, long at) {
        s.status = terminal;
        s.closedAt = at;
        s.holdUntil = 0;
    }

    private static double roundToMillimetres(double km) {
        return Math.round(km * 1e6) / 1e6;
    }
}
