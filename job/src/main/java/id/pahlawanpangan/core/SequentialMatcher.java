package id.pahlawanpangan.core;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RejectReason;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The whole contract on one thread, with every offer and NGO in memory and no sharding: the
 * reference the Flink job is checked against, and the engine the workload generator plays NGOs
 * against. Inputs must be applied in the contract's order (section 2); see {@link #ORDER}.
 */
public final class SequentialMatcher {
    /** The contract's order of inputs: time, then type, then stream position. */
    public static final Comparator<InputEvent> ORDER =
            Comparator.<InputEvent>comparingLong(e -> e.eventTime).thenComparing(InputEvent::compareAtEqualTime);

    private final OfferLifecycle lifecycle;
    private final Decisions out;
    private final Map<String, NgoSnapshot> ngos = new HashMap<>();
    private final Map<String, OfferState> offers = new HashMap<>();
    /** Postings, kept until their offer's expiry plus the retention, to recognise repeats. */
    private final Map<String, InputEvent> postings = new HashMap<>();
    /** Closed offers and when they closed, until the retention has passed. */
    private final Map<String, Long> closed = new HashMap<>();
    /** Pending timers: (due, offer id). */
    private final TreeSet<Due> timers = new TreeSet<>();
    private final Map<String, Long> scheduled = new HashMap<>();

    public SequentialMatcher(MatchPolicy policy, Consumer<MatchEvent> sink) {
        this.lifecycle = new OfferLifecycle(policy);
        this.out = new Decisions(sink);
    }

    /** Applies one input; inputs must come in {@link #ORDER}. */
    public void apply(InputEvent e) {
        // timers due at the event's time fire before it
        advanceTo(e.eventTime);
        out.begin(Cause.input(e));
        switch (e.type) {
            case NGO_AVAILABILITY:
                applyAvailability(e);
                break;
            case OFFER_POSTED:
                applyPosting(e);
                break;
            case OFFER_CANCELLED:
                applyCancellation(e);
                break;
            default:
                applyClaim(e);
        }
    }

    /** Fires every timer due at or before {@code time}, in order. */
    public void advanceTo(long time) {
        while (!timers.isEmpty() && timers.first().at <= time) {
            Due due = timers.pollFirst();
            scheduled.remove(due.offerId);
            OfferState s = offers.get(due.offerId);
            if (s != null) {
                lifecycle.advance(s, due.at, ngos.values(), out);
                store(s);
            } else if (closed.containsKey(due.offerId)) {
                closed.remove(due.offerId);
                InputEvent posting = postings.get(due.offerId);
                schedule(due.offerId, posting.expiresAt + lifecycle.policy().closedRetentionMs() + 1);
            } else {
                postings.remove(due.offerId);
            }
        }
    }

    /** Offers not yet closed. */
    public int openOffers() {
        return offers.size();
    }

    private void applyAvailability(InputEvent e) {
        NgoSnapshot previous = ngos.get(e.ngoId);
        if (previous != null && e.eventTime < previous.eventTime) {
            return; // older than the snapshot held
        }
        NgoSnapshot snapshot = NgoSnapshot.of(e);
        ngos.put(e.ngoId, snapshot);
        offers.values().stream()
                .filter(s -> s.status == OfferStatus.OPEN)
                .sorted(Comparator.<OfferState>comparingLong(s -> s.postedAt).thenComparing(s -> s.offerId))
                .forEach(s -> {
                    lifecycle.ngoAvailable(s, snapshot, e.eventTime, ngos.values(), out);
                    store(s);
                });
    }

    private void applyPosting(InputEvent e) {
        InputEvent earlier = postings.get(e.offerId);
        if (earlier != null) {
            if (!earlier.sameOfferContent(e)) {
                out.inputRejected(e.offerId, e.eventTime, RejectReason.DUPLICATE_OFFER_ID, e.payload);
            }
            return;
        }
        postings.put(e.offerId, e);
        store(lifecycle.post(e, ngos.values(), out));
    }

    private void applyCancellation(InputEvent e) {
        InputEvent posting = postings.get(e.offerId);
        // a closed offer is closed to everyone; only a live one asks who is cancelling
        String reason = posting == null ? RejectReason.UNKNOWN_OFFER
                : closed.containsKey(e.offerId) ? RejectReason.OFFER_CLOSED
                : !offers.containsKey(e.offerId) ? RejectReason.UNKNOWN_OFFER
                : !posting.providerId.equals(e.providerId) ? RejectReason.NOT_PROVIDER
                : null;
        if (reason != null) {
            out.inputRejected(e.offerId, e.eventTime, reason, e.payload);
            return;
        }
        OfferState s = offers.get(e.offerId);
        lifecycle.cancel(s, e, ngos.values(), out);
        store(s);
    }

    private void applyClaim(InputEvent e) {
        OfferState s = offers.get(e.offerId);
        if (s == null) {
            String reason = closed.containsKey(e.offerId) ? RejectReason.OFFER_CLOSED : RejectReason.UNKNOWN_OFFER;
            out.claimRejected(e.offerId, e.ngoId, e.eventTime, reason);
            return;
        }
        switch (e.type) {
            case CLAIM_ACCEPTED:
                lifecycle.claimAccepted(s, e, ngos.values(), out);
                break;
            case CLAIM_DECLINED:
                lifecycle.claimDeclined(s, e, ngos.values(), out);
                break;
            case PICKUP_COMPLETED:
                lifecycle.pickupCompleted(s, e, ngos.values(), out);
                break;
            default:
                throw new IllegalArgumentException("not a claim: " + e);
        }
        store(s);
    }

    private void store(OfferState s) {
        if (s.status.isTerminal()) {
            offers.remove(s.offerId);
            closed.put(s.offerId, s.closedAt);
            // the tombstone goes once the offer closed longer ago than the retention
            schedule(s.offerId, s.closedAt + lifecycle.policy().closedRetentionMs() + 1);
        } else {
            offers.put(s.offerId, s);
            schedule(s.offerId, lifecycle.nextTimerAt(s));
        }
    }

    private void schedule(String offerId, long at) {
        Long previous = scheduled.remove(offerId);
        if (previous != null) {
            timers.remove(new Due(previous, offerId));
        }
        if (at != Long.MAX_VALUE) {
            timers.add(new Due(at, offerId));
            scheduled.put(offerId, at);
        }
    }

    private static final class Due implements Comparable<Due> {
        final long at;
        final String offerId;

        Due(long at, String offerId) {
            this.at = at;
            this.offerId = offerId;
        }

        @Override
        public int compareTo(Due o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : offerId.compareTo(o.offerId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Due && compareTo((Due) o) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(at) * 31 + offerId.hashCode();
        }
    }
}
