package id.pahlawanpangan.core;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RejectReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The whole contract on one thread: every offer and NGO in one in-memory shard. It is the
 * reference the Flink job is checked against, and the engine the workload generator plays NGOs
 * against. Inputs must be applied in the contract's order (section 2), {@link #ORDER}.
 */
public final class SequentialMatcher {
    /** The contract's order of inputs: time, then type, then stream position. */
    public static final Comparator<InputEvent> ORDER =
            Comparator.<InputEvent>comparingLong(e -> e.eventTime).thenComparing(InputEvent::compareAtEqualTime);

    private final MatchPolicy policy;
    private final Decisions out;
    private final MemoryOfferBook offers = new MemoryOfferBook();
    private final MemoryNgoBook ngos = new MemoryNgoBook();
    private final CellDesk desk;
    /** First postings, to recognise repeats and unknown offers; forgotten after expiry plus retention. */
    private final Map<String, InputEvent> postings = new HashMap<>();

    public SequentialMatcher(MatchPolicy policy, Consumer<MatchEvent> sink) {
        this.policy = policy;
        this.out = new Decisions(sink);
        this.desk = new CellDesk(new OfferLifecycle(policy), offers, ngos);
    }

    /** Applies one input; inputs must come in {@link #ORDER}. */
    public void apply(InputEvent e) {
        advanceTo(e.eventTime); // timers due at the event's time fire before it
        if (e.type.concernsOffer() && !routeToPostedOffer(e)) {
            return;
        }
        desk.apply(e, out);
    }

    /** Fires every timer due at or before {@code time}, in order. */
    public void advanceTo(long time) {
        while (!offers.timers.isEmpty() && offers.timers.first().at <= time) {
            Due due = offers.timers.pollFirst();
            offers.timerAt.remove(due.offerId);
            desk.timerDue(due.offerId, due.at, out);
        }
    }

    /** When the next timer is due, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextTimerAt() {
        return offers.timers.isEmpty() ? Long.MAX_VALUE : offers.timers.first().at;
    }

    /** The offer's state, or null once it is closed (tests and the workload generator look). */
    public OfferState liveOffer(String offerId) {
        return offers.live.get(offerId);
    }

    /** What the Flink job's offer directory does: repeats and unknown offers stop here. */
    private boolean routeToPostedOffer(InputEvent e) {
        InputEvent posting = postings.get(e.offerId);
        if (posting != null && e.eventTime > posting.expiresAt + policy.closedRetentionMs()) {
            postings.remove(e.offerId);
            posting = null;
        }
        if (e.type == InputType.OFFER_POSTED) {
            if (posting == null) {
                postings.put(e.offerId, e);
                return true;
            }
            if (!posting.sameOfferContent(e)) {
                out.begin(Cause.input(e));
                out.inputRejected(e.offerId, e.eventTime, RejectReason.DUPLICATE_OFFER_ID, e.payload);
            }
            return false;
        }
        if (posting == null) {
            out.begin(Cause.input(e));
            if (e.type == InputType.OFFER_CANCELLED) {
                out.inputRejected(e.offerId, e.eventTime, RejectReason.UNKNOWN_OFFER, e.payload);
            } else {
                out.claimRejected(e.offerId, e.ngoId, e.eventTime, RejectReason.UNKNOWN_OFFER);
            }
            return false;
        }
        return true;
    }

    private static final class MemoryOfferBook implements OfferBook {
        final Map<String, OfferState> live = new HashMap<>();
        final Map<String, Long> closed = new HashMap<>();
        final TreeSet<Due> timers = new TreeSet<>();
        final Map<String, Long> timerAt = new HashMap<>();

        @Override
        public OfferState live(String offerId) {
            return live.get(offerId);
        }

        @Override
        public void saveLive(OfferState offer, long previousTimerAt, long nextTimerAt) {
            live.put(offer.offerId, offer);
            schedule(offer.offerId, nextTimerAt);
        }

        @Override
        public void close(OfferState offer, long previousTimerAt, long forgetAt) {
            live.remove(offer.offerId);
            closed.put(offer.offerId, offer.closedAt);
            schedule(offer.offerId, forgetAt);
        }

        @Override
        public boolean isClosed(String offerId) {
            return closed.containsKey(offerId);
        }

        @Override
        public void forgetClosed(String offerId) {
            closed.remove(offerId);
        }

        @Override
        public List<OfferState> openOffersInPostingOrder(Predicate<OfferState> which) {
            List<OfferState> open = new ArrayList<>();
            for (OfferState s : live.values()) {
                if (s.status == OfferStatus.OPEN && which.test(s)) {
                    open.add(s);
                }
            }
            open.sort(OfferState.POSTING_ORDER);
            return open;
        }

        private void schedule(String offerId, long at) {
            Long previous = timerAt.remove(offerId);
            if (previous != null) {
                timers.remove(new Due(previous, offerId));
            }
            if (at != Long.MAX_VALUE) {
                timers.add(new Due(at, offerId));
                timerAt.put(offerId, at);
            }
        }
    }

    private static final class MemoryNgoBook implements NgoBook {
        final NgoTable ngos = new NgoTable();

        @Override
        public NgoSnapshot get(String ngoId) {
            return ngos.get(ngoId);
        }

        @Override
        public void put(NgoSnapshot ngo) {
            ngos.put(ngo);
        }

        @Override
        public void remove(String ngoId) {
            ngos.remove(ngoId);
        }

        @Override
        public NgoTable all() {
            return ngos;
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
