package id.pahlawanpangan.bench;

import java.util.ArrayList;
import java.util.List;

/** What a run of {@code bin/pangan bench} measured, in the order it ran, and what the ratios are taken from. */
public final class BenchResults {
    final List<Measurement> rows = new ArrayList<>();
    /** The days the engine replayed, for their shapes and per-event costs. */
    final List<DayRun> days = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    /** Lines printed under the table (what the peers' sample lookups showed). */
    final List<String> notes = new ArrayList<>();
    Measurement probe;
    DayRun engine;
    final List<DayRun> ngoScaling = new ArrayList<>();
    DayRun uniform;
    DayRun hotSpot;

    void add(Measurement m) {
        rows.add(m);
        progress(m, "");
    }

    /** One line on standard error as each run ends: a long run shows where it is. */
    static void progress(Measurement m, String note) {
        System.err.printf("bench: %s%s: %,d %s in %.1f s (%,.0f/s), JVM CPU %.1f s%n", m.benchmark(), note, m.count(), m.unit(), m.wallSeconds(),
                m.perSecond(), m.cpuSeconds());
    }

    void add(DayRun run) {
        add(run.measurement());
        days.add(run);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }
}
