package id.pahlawanpangan.bench;

import java.nio.file.Path;

/** A generated day as the benchmarks replay it: its settings, its file, its size and its shape. */
public record BenchDay(int offers, int ngos, double hotspotShare, Path file, long lines, DayShape shape) {
    public String label() {
        String label = String.format("day of %,d offers, %,d NGOs", offers, ngos);
        return hotspotShare == 0 ? label : label + String.format(", %.0f %% of offers in one cell of central Jakarta", hotspotShare * 100);
    }
}
