package id.pahlawanpangan.bench;

import java.time.Duration;

/** One phase of the live benchmark: a fixed offered rate for a while, and what it measured. */
final class LivePhase {
    final String name;
    final int offersPerSecond;
    final Duration duration;
    /** At most this many offers (0: as many as the rate and duration make). */
    final int maxOffers;
    final DecisionWatch.Answering answering;
    /** NGO snapshots republished per second, across all NGOs. */
    final double ngoSnapshotsPerSecond;
    /** Counted in the results, or only warming up. */
    final boolean measured;

    // what it measured
    final DecisionWatch.PhaseLatencies latencies = new DecisionWatch.PhaseLatencies();
    long offersPosted;
    /** First decisions of any offer received while the phase ran; offers awaiting one at its end, and at most. */
    long firstDecisions;
    long undecidedAtEnd;
    long undecidedMax;
    double seconds;
    long generatorBehindMs;
    /** Messages of the offers stream the job's source had not read, at most (sampled every second). */
    long lagMax;
    double jobCpu;
    double natsCpu;
    double postgresCpu;
    double loadCpu;
    /** How long after the phase its offers were all decided (or the drain gave up), and how many were not. */
    double catchUpSeconds;
    int undecidedAfterDrain;

    LivePhase(String name, int offersPerSecond, Duration duration, int maxOffers, DecisionWatch.Answering answering,
              double ngoSnapshotsPerSecond, boolean measured) {
        this.name = name;
        this.offersPerSecond = offersPerSecond;
        this.duration = duration;
        this.maxOffers = maxOffers;
        this.answering = answering;
        this.ngoSnapshotsPerSecond = ngoSnapshotsPerSecond;
        this.measured = measured;
    }

    /** Offers decided per second while the phase ran (a first proposal, or an escalation for want of candidates). */
    double decidedPerSecond() {
        return firstDecisions / seconds;
    }

    /** CPU seconds per 1,000 offers posted in the phase. */
    double perThousandOffers(double cpuSeconds) {
        return offersPosted == 0 ? 0 : cpuSeconds * 1000.0 / offersPosted;
    }
}
