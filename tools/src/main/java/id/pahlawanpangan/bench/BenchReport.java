package id.pahlawanpangan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results of {@code bin/pangan bench} as Markdown: the measurements, the days replayed, and the ratios and targets. */
public final class BenchReport {
    /** The engine's input events/s at least this share of the probe's events/s. */
    static final double ENGINE_SHARE_TARGET = 0.25;
    /** Cost per input event with 10,000 NGOs at most this multiple of the cost with 1,500. */
    static final double NGO_COST_TARGET = 1.5;
    static final int NGO_TARGET_FROM = 1_500;
    static final int NGO_TARGET_TO = 10_000;
    /** Cost per offer of the hot spot day at most this multiple of the uniform day's. */
    static final double HOTSPOT_COST_TARGET = 2.0;

    private final BenchResults results;

    public BenchReport(BenchResults results) {
        this.results = results;
    }

    /** Everything, as printed and as written into the document. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(measurements()).append('\n');
        if (!results.notes.isEmpty()) {
            results.notes.forEach(note -> b.append("- ").append(note).append('\n'));
            b.append('\n');
        }
        if (!results.days.isEmpty()) {
            b.append(days()).append('\n');
        }
        List<String> ratios = ratios();
        if (!ratios.isEmpty()) {
            b.append("Ratios and targets (throughput issue):\n\n");
            ratios.forEach(line -> b.append(line).append('\n'));
            b.append('\n');
        }
        for (String failure : results.failures) {
            b.append("- FAILED ").append(failure).append('\n');
        }
        return b.toString();
    }

    String measurements() {
        StringBuilder b = new StringBuilder();
        b.append("| benchmark | what ran | count | wall s | per second | JVM CPU s per 1,000 |\n");
        b.append("|---|---|---:|---:|---:|---:|\n");
        for (Measurement m : results.rows) {
            // a peer runs in a tool of its own: this JVM's CPU says nothing of it
            String cpu = Double.isNaN(m.cpuSeconds()) ? "—" : String.format(Locale.ROOT, "%.3f", m.cpuPerThousand());
            b.append(String.format(Locale.ROOT, "| %s | %s | %,d %s | %.1f | %,.0f %s/s | %s |%n", m.benchmark(), m.setup(), m.count(), m.unit(),
                    m.wallSeconds(), m.perSecond(), m.unit(), cpu));
        }
        return b.toString();
    }

    String days() {
        StringBuilder b = new StringBuilder();
        b.append("| benchmark | day | input events | output events | cells with NGOs | NGOs per cell | NGOs in an offer's cell "
                + "| cells per NGO snapshot | offers in the busiest cell | JVM CPU s per 1,000 input events | wall s per 1,000 input events "
                + "| JVM CPU s per 1,000 offers |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DayRun run : results.days) {
            DayShape s = run.day().shape();
            Measurement m = run.measurement();
            b.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %,d | %,.1f | %,.1f | %.1f | %,d | %.3f | %.3f | %.3f |%n",
                    m.benchmark(), run.day().label(), m.count(), run.outputEvents(), s.cellsWithNgos(), s.ngosPerCell(), s.ngosInOfferCell(),
                    s.cellsPerSnapshot(), s.offersInBusiestCell(), m.cpuPerThousand(), m.wallPerThousand(), run.cpuPerThousandOffers()));
        }
        return b.toString();
    }

    /** One line per ratio the issue asks for; a target is judged on the JVM's CPU time where it is a cost. */
    List<String> ratios() {
        List<String> lines = new ArrayList<>();
        if (results.probe != null && results.engine != null) {
            double share = results.engine.measurement().perSecond() / results.probe.perSecond();
            lines.add(String.format(Locale.ROOT, "- engine / probe: %,.0f input events/s / %,.0f events/s = %.1f %% (target ≥ %.0f %%, %s): %s",
                    results.engine.measurement().perSecond(), results.probe.perSecond(), share * 100, ENGINE_SHARE_TARGET * 100,
                    results.engine.day().label(), share >= ENGINE_SHARE_TARGET ? "met" : "missed"));
        }
        if (results.ngoScaling.size() > 1) {
            DayRun base = results.ngoScaling.get(0);
            for (DayRun run : results.ngoScaling.subList(1, results.ngoScaling.size())) {
                double cpu = run.measurement().cpuPerThousand() / base.measurement().cpuPerThousand();
                double wall = run.measurement().wallPerThousand() / base.measurement().wallPerThousand();
                String judged = base.day().ngos() == NGO_TARGET_FROM && run.day().ngos() == NGO_TARGET_TO
                        ? String.format(Locale.ROOT, " (target ≤ %.1f×): %s", NGO_COST_TARGET, cpu <= NGO_COST_TARGET ? "met" : "missed")
                        : "";
                lines.add(String.format(Locale.ROOT, "- cost per input event, %,d NGOs / %,d NGOs: JVM CPU %.2f×%s; wall %.2f×",
                        run.day().ngos(), base.day().ngos(), cpu, judged, wall));
            }
        }
        if (results.uniform != null && results.hotSpot != null) {
            double cpu = results.hotSpot.cpuPerThousandOffers() / results.uniform.cpuPerThousandOffers();
            double wall = results.hotSpot.wallPerThousandOffers() / results.uniform.wallPerThousandOffers();
            lines.add(String.format(Locale.ROOT, "- cost per offer, hot spot day / uniform day (%,d offers, %,d NGOs): JVM CPU %.2f× (target ≤ %.1f×): %s; wall %.2f×",
                    results.uniform.day().offers(), results.uniform.day().ngos(), cpu, HOTSPOT_COST_TARGET,
                    cpu <= HOTSPOT_COST_TARGET ? "met" : "missed", wall));
        }
        return lines;
    }
}
