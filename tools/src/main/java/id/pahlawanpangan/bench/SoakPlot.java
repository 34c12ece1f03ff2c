package id.pahlawanpangan.bench;

import id.pahlawanpangan.charts.PngChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The soak over time: above, the heap after a full collection, RocksDB on disk and the latest
 * checkpoint's size (MB), each with its fitted line after warm-up (dashed); below, the offers open.
 * The warm-up is shaded.
 */
final class SoakPlot {
    private static final int W = 900;
    private static final int LEFT = 80;
    private static final int RIGHT = 210;
    private static final int PLOT_W = W - LEFT - RIGHT;

    private record Series(String name, Color color, ToDoubleFunction<SoakSample> value, SoakVerdict fit) {}

    private SoakPlot() {}

    static void write(Soak.Run run, Path png) throws IOException {
        List<SoakVerdict> verdicts = run.verdicts();
        List<Series> sizes = List.of(
                new Series("heap after full GC", Color.decode("#1b9e77"), SoakSample::heapMb, verdicts.get(0)),
                new Series("RocksDB on disk", Color.decode("#d95f02"), SoakSample::rocksDbMb, verdicts.get(1)),
                new Series("checkpoint state", Color.decode("#7570b3"), SoakSample::checkpointMb, verdicts.get(2)));
        List<Series> open = List.of(new Series("offers open (thousands)", Color.decode("#e7298a"), s -> s.offersOpen / 1000.0, null));
        int h = 640;
        PngChart chart = PngChart.titled(W, h, "Memory soak: " + run.settings.rate + " offers/s for " + run.settings.duration.toMinutes() + " min", LEFT);
        Graphics2D g = chart.graphics();
        double maxMinutes = Math.max(1, run.samples.stream().mapToDouble(s -> s.minutes).max().orElse(1));
        double warmUp = run.settings.effectiveWarmUp().toMillis() / 60_000.0;
        panel(g, run.samples, sizes, "MB", 50, 340, maxMinutes, warmUp, false);
        panel(g, run.samples, open, "thousand", 430, 150, maxMinutes, warmUp, true);
        chart.write(png);
    }

    private static void panel(Graphics2D g, List<SoakSample> samples, List<Series> series, String unit, int top, int height,
                              double maxMinutes, double warmUp, boolean timeAxis) {
        double max = 1;
        for (Series s : series) {
            for (SoakSample sample : samples) {
                double v = s.value().applyAsDouble(sample);
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double yMax = niceCeiling(max * 1.1);
        g.setColor(new Color(240, 240, 240));
        g.fillRect(LEFT, top, x(warmUp, maxMinutes) - LEFT, height);
        g.setColor(Color.GRAY);
        g.drawString("warm-up", LEFT + 4, top + 14);
        // 2 x 10^k: steps of a quarter; 1 or 5 x 10^k: steps of a fifth, so that every label is round
        int steps = yMax / Math.pow(10, Math.floor(Math.log10(yMax))) == 2 ? 4 : 5;
        for (int i = 0; i <= steps; i++) {
            double v = yMax * i / steps;
            int y = top + height - (int) (height * v / yMax);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT + 1, y, LEFT + PLOT_W - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v), LEFT - 45, y + 4);
        }
        g.drawString(unit, LEFT - 60, top - 6);
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, PLOT_W, height);
        if (timeAxis) {
            for (int m = 0; m <= (int) maxMinutes; m++) {
                g.drawString(Integer.toString(m), x(m, maxMinutes) - 4, top + height + 16);
            }
            g.drawString("minutes since the load began", LEFT + PLOT_W / 2 - 80, top + height + 36);
        }
        int legendY = top + 12;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2.5f));
            int px = -1;
            int py = -1;
            for (SoakSample sample : samples) {
                double v = s.value().applyAsDouble(sample);
                if (Double.isNaN(v)) {
                    continue;
                }
                int x = x(sample.minutes, maxMinutes);
                int y = top + height - (int) (height * v / yMax);
                g.fillOval(x - 3, y - 3, 6, 6);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            SoakVerdict fit = s.fit();
            if (fit != null && fit.decided()) {
                // the fitted line through the judged samples: mean at their mean time, slope per minute
                double meanMinutes = meanMinutesAfter(samples, s.value(), warmUp);
                double y0 = fit.mean() + fit.slopePerMinute() * (warmUp - meanMinutes);
                double y1 = fit.mean() + fit.slopePerMinute() * (maxMinutes - meanMinutes);
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                g.drawLine(x(warmUp, maxMinutes), top + height - (int) (height * y0 / yMax), x(maxMinutes, maxMinutes),
                        top + height - (int) (height * y1 / yMax));
            }
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(LEFT + PLOT_W + 15, legendY, LEFT + PLOT_W + 40, legendY);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), LEFT + PLOT_W + 48, legendY + 4);
            legendY += 22;
        }
        if (series.stream().anyMatch(s -> s.fit() != null)) {
            g.setColor(Color.GRAY);
            g.drawString("dashed: linear fit", LEFT + PLOT_W + 15, legendY + 4);
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static double meanMinutesAfter(List<SoakSample> samples, ToDoubleFunction<SoakSample> value, double warmUp) {
        return samples.stream().filter(s -> s.minutes >= warmUp && !Double.isNaN(value.applyAsDouble(s)))
                .mapToDouble(s -> s.minutes).average().orElse(warmUp);
    }

    private static int x(double minutes, double maxMinutes) {
        return LEFT + (int) (PLOT_W * minutes / maxMinutes);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    private static double niceCeiling(double v) {
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= v) {
                return m * decade;
            }
        }
        return 10 * decade;
    }
}
