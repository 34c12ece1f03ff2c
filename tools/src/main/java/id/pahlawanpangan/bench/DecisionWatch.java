package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an NGO's app and a dispatcher see: every decision as it arrives on the output subjects,
 * timed by the wall clock. Times each offer's first proposal from the moment it was published,
 * and each hold's end from its {@code hold_until}; counts the offers still open; and, as the NGOs,
 * answers proposals (some accepted, some declined, the rest left to expire) and, where the phase
 * says so, picks up what they claimed.
 */
final class DecisionWatch implements AutoCloseable {
    /** An NGO's answer, to be published by the load's thread. */
    static final class Answer {
        enum Kind { ACCEPT, DECLINE, PICKUP }

        final String offerId;
        final String ngoId;
        final Kind kind;
        /** For a pickup: what the NGO took. */
        final double pickedKg;
        final long due;

        Answer(String offerId, String ngoId, Kind kind, double pickedKg, long due) {
            this.offerId = offerId;
            this.ngoId = ngoId;
            this.kind = kind;
            this.pickedKg = pickedKg;
            this.due = due;
        }
    }

    /** How NGOs answer a proposal in one phase, and whether they come for what they claimed. */
    static final class Answering {
        static final Answering SILENT = new Answering(0, 0, 0);

        final double acceptShare;
        final double declineShare;
        final long maxDelayMs;
        /** Of the claimed offers, the share picked up, within {@link #maxPickupDelayMs} of the claim. */
        final double pickupShare;
        final long maxPickupDelayMs;

        Answering(double acceptShare, double declineShare, long maxDelayMs) {
            this(acceptShare, declineShare, maxDelayMs, 0, 0);
        }

        Answering(double acceptShare, double declineShare, long maxDelayMs, double pickupShare, long maxPickupDelayMs) {
            this.acceptShare = acceptShare;
            this.declineShare = declineShare;
            this.maxDelayMs = maxDelayMs;
            this.pickupShare = pickupShare;
            this.maxPickupDelayMs = maxPickupDelayMs;
        }
    }

    /**
     * The measurements of one phase: first proposals and PostGIS rows by the phase in which the
     * offer was posted, hold expiries by the phase in which they arrive.
     */
    static final class PhaseLatencies {
        final Latencies firstProposal = new Latencies();
        final Latencies holdExpiry = new Latencies();
        final Latencies postgisVisible = new Latencies();
    }

    private static final Set<OutputType> TERMINAL = EnumSet.of(OutputType.OFFER_COMPLETED, OutputType.OFFER_EXPIRED,
            OutputType.OFFER_PICKUP_MISSED, OutputType.OFFER_CANCELLED);

    private final Dispatcher dispatcher;
    private final String subjects;
    private final Map<String, Long> postedAt = new ConcurrentHashMap<>();
    /** Offers posted that have had no decision yet (a first proposal, or an escalation for want of candidates). */
    private final Set<String> undecided = ConcurrentHashMap.newKeySet();
    /** Offers posted that have not reached a terminal state (completed, expired, pickup missed, cancelled). */
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Map<OutputType, AtomicLong> closed = new ConcurrentHashMap<>();
    private final Map<String, PhaseLatencies> phaseOf = new ConcurrentHashMap<>();
    private final PriorityBlockingQueue<Answer> answers = new PriorityBlockingQueue<>(1024, Comparator.comparingLong((Answer a) -> a.due));
    private volatile Answering answering = Answering.SILENT;
    /** The phase running now (holds that end now are its measurements, whichever phase began them). */
    private volatile PhaseLatencies current;
    private final java.util.concurrent.atomic.AtomicLong firstDecisions = new java.util.concurrent.atomic.AtomicLong();

    DecisionWatch(Connection nats, String outputSubjects) {
        this.subjects = outputSubjects + ".>";
        this.dispatcher = nats.createDispatcher(m -> seen(MatchEventJson.read(new String(m.getData(), StandardCharsets.UTF_8)), System.currentTimeMillis()));
        dispatcher.subscribe(subjects);
    }

    void answering(Answering a) {
        this.answering = a;
    }

    void currentPhase(PhaseLatencies phase) {
        this.current = phase;
    }

    /** First decisions (a first proposal, or an escalation for want of candidates) received so far. */
    long firstDecisions() {
        return firstDecisions.get();
    }

    void posted(String offerId, long at, PhaseLatencies phase) {
        postedAt.put(offerId, at);
        phaseOf.put(offerId, phase);
        undecided.add(offerId);
        open.add(offerId);
    }

    /** How many posted offers are not closed yet, as the output stream tells: what the job's state should be bounded by. */
    int open() {
        return open.size();
    }

    /** How many posted offers still wait for their first decision: the job's backlog, as users feel it. */
    int undecided() {
        return undecided.size();
    }

    /** Offers closed so far, by how they closed ({@code offer.completed}, {@code offer.expired}, ...). */
    Map<OutputType, Long> closed() {
        Map<OutputType, Long> counts = new EnumMap<>(OutputType.class);
        closed.forEach((type, n) -> counts.put(type, n.get()));
        return counts;
    }

    /** The next answer due by {@code now}, or null. */
    Answer nextAnswerDue(long now) {
        Answer a = answers.peek();
        if (a != null && a.due <= now) {
            return answers.poll();
        }
        return null;
    }

    private void seen(MatchEvent e, long arrivedAt) {
        PhaseLatencies phase = e.offerId == null ? null : phaseOf.get(e.offerId);
        if (phase == null) {
            return; // not this run's, or a rejection
        }
        if (undecided.remove(e.offerId)) {
            firstDecisions.incrementAndGet();
        }
        if (TERMINAL.contains(e.type) && open.remove(e.offerId)) {
            closed.computeIfAbsent(e.type, t -> new AtomicLong()).incrementAndGet();
        }
        if (e.type == OutputType.OFFER_PROPOSED) {
            if (e.attempt != null && e.attempt == 1) {
                Long posted = postedAt.get(e.offerId);
                if (posted != null) {
                    phase.firstProposal.add(arrivedAt - posted);
                }
            }
            answer(e, arrivedAt);
        } else if (e.type == OutputType.OFFER_HOLD_EXPIRED) {
            PhaseLatencies now = current;
            (now != null ? now : phase).holdExpiry.add(arrivedAt - e.at);
        } else if (e.type == OutputType.OFFER_CLAIMED) {
            pickUp(e, arrivedAt);
        }
    }

    private void answer(MatchEvent proposal, long now) {
        Answering a = answering;
        double r = ThreadLocalRandom.current().nextDouble();
        long due = now + (a.maxDelayMs > 0 ? ThreadLocalRandom.current().nextLong(a.maxDelayMs) : 0);
        if (r < a.acceptShare) {
            answers.add(new Answer(proposal.offerId, proposal.ngoId, Answer.Kind.ACCEPT, 0, due));
        } else if (r < a.acceptShare + a.declineShare) {
            answers.add(new Answer(proposal.offerId, proposal.ngoId, Answer.Kind.DECLINE, 0, due));
        }
    }

    private void pickUp(MatchEvent claimed, long now) {
        Answering a = answering;
        if (a.pickupShare > 0 && ThreadLocalRandom.current().nextDouble() < a.pickupShare) {
            long due = now + (a.maxPickupDelayMs > 0 ? ThreadLocalRandom.current().nextLong(a.maxPickupDelayMs) : 0);
            double kg = claimed.quantityKg != null ? claimed.quantityKg : 1.0;
            answers.add(new Answer(claimed.offerId, claimed.ngoId, Answer.Kind.PICKUP, kg, due));
        }
    }

    @Override
    public void close() {
        dispatcher.unsubscribe(subjects);
    }
}
