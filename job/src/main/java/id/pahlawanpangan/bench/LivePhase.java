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
    double seconds;
    long generatorBehindMs;
    long lagAtStart;
    long lagAtEnd;
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

    /** Offers the job read per second: those posted, less the growth of its backlog. */
    double sustainedPerSecond() {
        return (offersPosted - Math.max(0, lagAtEnd - lagAtStart)) / seconds;
    }

    /** CPU seconds per 1,000 offers posted in the phase. */
    double perThousandOffers(double cpuSeconds) {
        return offersPosted == 0 ? 0 : cpuSeconds * 1000.0 / offersPosted;
    }
}
