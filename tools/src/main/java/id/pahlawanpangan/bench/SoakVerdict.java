package id.pahlawanpangan.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether one measure stayed flat over a soak, in two readings that are both printed: the mean of
 * the last third of the samples after warm-up against the mean of the first third (flat when at
 * most {@code factor} times it), and the least-squares line through them all, as growth per
 * minute. A measure proportional to the time run would come out about twice as large in the last
 * third of a ten-minute run as in the first; a bounded one within its noise.
 */
record SoakVerdict(String measure, int samples, double firstThird, double lastThird, double slopePerMinute, double mean, double factor) {
    /** The samples taken at or after {@code warmUpMinutes}; missing values (NaN) are left out. */
    static SoakVerdict of(String measure, double[] minutes, double[] values, double warmUpMinutes, double factor) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < minutes.length; i++) {
            if (minutes[i] >= warmUpMinutes && !Double.isNaN(values[i])) {
                points.add(new double[] {minutes[i], values[i]});
            }
        }
        int n = points.size();
        if (n < 3) {
            return new SoakVerdict(measure, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, factor);
        }
        int third = n / 3;
        double first = 0;
        double last = 0;
        for (int i = 0; i < third; i++) {
            first += points.get(i)[1];
            last += points.get(n - third + i)[1];
        }
        double meanX = 0;
        double meanY = 0;
        for (double[] p : points) {
            meanX += p[0] / n;
            meanY += p[1] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - meanX) * (p[1] - meanY);
            sxx += (p[0] - meanX) * (p[0] - meanX);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new SoakVerdict(measure, n, first / third, last / third, slope, meanY, factor);
    }

    boolean decided() {
        return samples >= 3;
    }

    /** Last third ÷ first third. */
    double ratio() {
        return lastThird / firstThird;
    }

    boolean flat() {
        return decided() && ratio() <= factor;
    }

    /** One line for the table's reader: both readings, and the verdict. */
    String line(String unit) {
        if (!decided()) {
            return String.format("- %s: only %d samples after warm-up, no verdict", measure, samples);
        }
        return String.format("- %s: first third %.1f %s, last third %.1f %s (× %.2f); linear fit %+.2f %s/min (%+.1f %%/min of the mean %.1f %s): %s",
                measure, firstThird, unit, lastThird, unit, ratio(), slopePerMinute, unit, 100 * slopePerMinute / mean, mean, unit,
                flat() ? "flat (within × " + factor + ")" : "grows (more than × " + factor + ")");
    }
}
