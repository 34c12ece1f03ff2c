package id.pahlawanpangan.bench;

import id.pahlawanpangan.workload.LiveLoad;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers at a fixed rate, open loop: every offer that is due goes out when it is due, however the
 * job is doing; with it the NGOs' answers as they fall due, and one NGO's snapshot now and then.
 * The caller's thread calls {@link #step} in a loop and {@link #pause}s between steps.
 */
final class OpenLoop {
    /** Told of each offer as it is published; {@code index} counts from 0. */
    interface OnPosted {
        void posted(LiveLoad.PostedOffer offer, long index);
    }

    private final LiveLoad load;
    private final DecisionWatch watch;
    private final int offersPerSecond;
    /** At most this many offers (0: no limit). */
    private final int maxOffers;
    /** NGO snapshots republished per second, across all NGOs. */
    private final double snapshotsPerSecond;
    private final long start;
    private volatile long posted;
    private long nextSnapshot;
    private long behindMs;

    OpenLoop(LiveLoad load, DecisionWatch watch, int offersPerSecond, int maxOffers, double snapshotsPerSecond, long start) {
        this.load = load;
        this.watch = watch;
        this.offersPerSecond = offersPerSecond;
        this.maxOffers = maxOffers;
        this.snapshotsPerSecond = snapshotsPerSecond;
        this.start = start;
        this.nextSnapshot = start;
    }

    boolean allPosted() {
        return maxOffers > 0 && posted >= maxOffers;
    }

    /** Publishes what is due by {@code now}: offers, answers, a snapshot. Returns when the next offer is due. */
    long step(long now, OnPosted onPosted) {
        long due = dueTime(posted);
        while (due <= now && !allPosted()) {
            behindMs = Math.max(behindMs, now - due);
            LiveLoad.PostedOffer offer = load.postOffer();
            onPosted.posted(offer, posted);
            posted++;
            due = dueTime(posted);
        }
        publishAnswers(load, watch, now);
        if (snapshotsPerSecond > 0 && now >= nextSnapshot) {
            load.republishOneNgo();
            nextSnapshot = now + (long) (1000 / snapshotsPerSecond);
        }
        return due;
    }

    private long dueTime(long offer) {
        return start + (long) (offer * 1000.0 / offersPerSecond);
    }

    /** Offers posted so far (readable from any thread). */
    long posted() {
        return posted;
    }

    /** How far behind its schedule the generator was at most, in ms: an open loop that cannot keep its rate says so. */
    long behindMs() {
        return behindMs;
    }

    /** Publishes every answer of the NGOs due by {@code now}. */
    static void publishAnswers(LiveLoad load, DecisionWatch watch, long now) {
        DecisionWatch.Answer a;
        while ((a = watch.nextAnswerDue(now)) != null) {
            if (a.kind == DecisionWatch.Answer.Kind.PICKUP) {
                load.pickup(a.offerId, a.ngoId, a.pickedKg);
            } else {
                load.answer(a.offerId, a.ngoId, a.kind == DecisionWatch.Answer.Kind.ACCEPT);
            }
        }
    }

    /** Until the next offer is due: 5 ms at most, so that answers go out on time, and 0.1 ms at least. */
    static void pause(long due) {
        LockSupport.parkNanos(Math.max(100_000, Math.min(due - System.currentTimeMillis(), 5) * 1_000_000));
    }
}
