package id.pahlawanpangan.bench;

import id.pahlawanpangan.chaos.FlinkRest;

/**
 * One sample of the soak, taken at the end of its interval: the job's memory and state sizes then,
 * and what the interval's offers saw. A figure that could not be read is negative (or null).
 */
final class SoakSample {
    /** Minutes since the load began, when the sample was taken. */
    double minutes;
    long offersPosted;
    /** Offers published and not closed yet, as the output stream told the load generator. */
    long offersOpen;
    /** Offers published that have had no decision yet: the job's backlog, as users feel it. */
    long awaitingFirstDecision = -1;
    /**
     * How far the job's event time (the least watermark of its operators) is behind the clock:
     * about a second when it keeps up; more when events it has read from JetStream wait inside it.
     */
    long eventTimeBehindMs = -1;
    long heapAfterGcBytes = -1;
    /** Resident memory of the job's process: the heap, and RocksDB's native memory beside it. */
    long rssBytes = -1;
    long rocksDbBytes = -1;
    int rocksDbInstances;
    FlinkRest.Checkpoint checkpoint;
    /** Messages of the input streams the job's sources have not read: at the sample, and at most in the interval (each second). */
    long inputLag = -1;
    long inputLagMax = -1;
    /** The job's CPU time in the interval, in percent of one core. */
    double jobCpuPercent = -1;
    /** The machine's 1-minute load average at the sample: how much else wanted the cores. */
    double loadAverage = -1;
    /** First proposals of the offers posted in the interval (complete once the run is over). */
    final DecisionWatch.PhaseLatencies latencies = new DecisionWatch.PhaseLatencies();

    double heapMb() {
        return mb(heapAfterGcBytes);
    }

    double rocksDbMb() {
        return mb(rocksDbBytes);
    }

    double checkpointMb() {
        return checkpoint == null ? Double.NaN : mb(checkpoint.stateSize());
    }

    static double mb(long bytes) {
        return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
    }
}
