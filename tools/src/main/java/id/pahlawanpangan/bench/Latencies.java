package id.pahlawanpangan.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured delays in milliseconds (the gateway benchmark's: microseconds), and their percentiles (nearest rank). */
final class Latencies {
    private final List<Long> samples = new ArrayList<>();

    synchronized void add(long ms) {
        samples.add(ms);
    }

    synchronized int count() {
        return samples.size();
    }

    /** The p-th percentile (0 &lt; p ≤ 1), or -1 without samples. */
    synchronized long percentile(double p) {
        if (samples.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    long max() {
        return percentile(1.0);
    }

    /** "p50 / p95 / p99 / max", or "-" without samples. */
    String summary() {
        return count() == 0 ? "-" : percentile(0.50) + " / " + percentile(0.95) + " / " + percentile(0.99) + " / " + max();
    }
}
