package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.OutputType;
import java.util.List;
import java.util.Map;

/** The soak's figures as text: a line per sample while it runs, then the table and the verdicts. */
final class SoakReport {
    private SoakReport() {}

    static String progressHeader() {
        return String.format("%6s %9s %8s %9s %9s %9s %8s %10s %10s %9s %7s %5s %8s", "min", "posted", "open", "undecided", "behind s",
                "heap MB", "RSS MB", "RocksDB MB", "ckpt MB", "lag", "CPU %", "load", "p99 ms");
    }

    /** The sample as it is taken (its p99 counts the interval's offers decided so far). */
    static String progressLine(SoakSample s) {
        return String.format("%6.2f %9d %8d %9d %9.1f %9.1f %8.1f %10.1f %10.1f %9d %7.0f %5.1f %8d", s.minutes, s.offersPosted,
                s.offersOpen, s.awaitingFirstDecision, s.eventTimeBehindMs / 1000.0, s.heapMb(), SoakSample.mb(s.rssBytes), s.rocksDbMb(),
                s.checkpointMb(), s.inputLag, s.jobCpuPercent, s.loadAverage, s.latencies.firstProposal.percentile(0.99));
    }

    static String table(Soak.Run run) {
        StringBuilder b = new StringBuilder();
        b.append("| min | offers posted | offers open | awaiting a first decision | job's event time behind the clock s "
                + "| heap after full GC MB | job RSS MB | RocksDB on disk MB (instances) "
                + "| latest checkpoint: state MB / uploaded MB (id, ms) | input lag at sample (max) | job CPU % | load avg "
                + "| publish → first proposal p99 ms (n) |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---|\n");
        for (SoakSample s : run.samples) {
            String checkpoint = s.checkpoint == null ? "-"
                    : String.format("%.1f / %.1f (%d, %d)", SoakSample.mb(s.checkpoint.stateSize()), SoakSample.mb(s.checkpoint.checkpointedSize()),
                            s.checkpoint.id(), s.checkpoint.durationMs());
            b.append(String.format("| %.1f | %d | %d | %d | %s | %s | %s | %s (%d) | %s | %d (%d) | %.0f | %.1f | %s (%d) |%n",
                    s.minutes, s.offersPosted, s.offersOpen, s.awaitingFirstDecision,
                    s.eventTimeBehindMs < 0 ? "-" : String.format("%.1f", s.eventTimeBehindMs / 1000.0), mb(s.heapMb()), mb(SoakSample.mb(s.rssBytes)), mb(s.rocksDbMb()),
                    s.rocksDbInstances, checkpoint, s.inputLag, s.inputLagMax, s.jobCpuPercent, s.loadAverage,
                    p99(s), s.latencies.firstProposal.count()));
        }
        return b.toString();
    }

    private static String p99(SoakSample s) {
        long p = s.latencies.firstProposal.percentile(0.99);
        return p < 0 ? "-" : Long.toString(p);
    }

    private static String mb(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.1f", value);
    }

    /** How the run's offers closed: that they do, within the run, is what bounds the job's state. */
    static String closed(Soak.Run run) {
        long total = run.closed.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder b = new StringBuilder();
        b.append(String.format("Offers closed during the run: %d of %d posted", total, run.offersPosted));
        String sep = " (";
        for (Map.Entry<OutputType, Long> e : run.closed.entrySet()) {
            b.append(sep).append(e.getValue()).append(' ').append(e.getKey().wireName());
            sep = ", ";
        }
        b.append(total > 0 ? ").\n" : ".\n");
        return b.toString();
    }

    /** Each measure's verdict, and the offers open over the same samples for comparison. */
    static String verdicts(Soak.Run run) {
        StringBuilder b = new StringBuilder();
        List<SoakVerdict> verdicts = run.verdicts();
        for (SoakVerdict v : verdicts) {
            b.append(v.line("MB")).append('\n');
        }
        double[] minutes = run.samples.stream().mapToDouble(s -> s.minutes).toArray();
        SoakVerdict open = SoakVerdict.of("offers open (for comparison)", minutes,
                run.samples.stream().mapToDouble(s -> s.offersOpen).toArray(), run.settings.effectiveWarmUp().toMillis() / 60_000.0,
                run.settings.flatFactor);
        if (open.decided()) {
            b.append(String.format("- %s: first third %.0f, last third %.0f (× %.2f); linear fit %+.0f offers/min%n", open.measure(),
                    open.firstThird(), open.lastThird(), open.ratio(), open.slopePerMinute()));
        }
        if (!run.samples.isEmpty()) {
            SoakSample last = run.samples.get(run.samples.size() - 1);
            b.append(run.keptUp()
                    ? String.format("- the job kept up: after warm-up its event time stayed within %d s of the clock (%.1f s at the end,"
                            + " %d offers awaiting a first decision)%n", run.settings.keptUpWithin.toSeconds(), last.eventTimeBehindMs / 1000.0,
                            last.awaitingFirstDecision)
                    : String.format("- the job did NOT keep up: after warm-up its event time fell more than %d s behind the clock (%.1f s at"
                            + " the end, %d offers awaiting a first decision); the sizes above include that backlog, so they do not say"
                            + " whether state leaks at a steady state%n", run.settings.keptUpWithin.toSeconds(), last.eventTimeBehindMs / 1000.0,
                            last.awaitingFirstDecision));
        }
        boolean allFlat = verdicts.stream().allMatch(SoakVerdict::flat);
        boolean anyUndecided = verdicts.stream().anyMatch(v -> !v.decided());
        b.append(String.format("%nVerdict: %s%n", anyUndecided ? "too few samples after warm-up to judge every measure"
                : allFlat ? "memory flat: heap after GC, RocksDB and checkpoint size stay within × " + run.settings.flatFactor
                        + " from the first third after warm-up to the last"
                : "NOT flat: " + String.join(", ", verdicts.stream().filter(v -> !v.flat()).map(SoakVerdict::measure).toList())
                        + " grew by more than × " + run.settings.flatFactor
                        + (run.keptUp() ? "" : ", while the job fell behind the load")));
        return b.toString();
    }
}
