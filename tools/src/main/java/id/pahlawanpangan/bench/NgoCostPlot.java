package id.pahlawanpangan.bench;

import id.pahlawanpangan.charts.PngChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The engine's cost per input event against the day's NGOs (log scale), JVM CPU and wall time,
 * with the NGOs an offer's cell holds under each day; the bound (1.5 times the CPU cost of
 * the first day) dotted.
 */
final class NgoCostPlot {
    private NgoCostPlot() {}

    static void write(List<DayRun> runs, Path png) throws IOException {
        int w = 900;
        int h = 560;
        int left = 80;
        int right = 150;
        int top = 60;
        int bottom = 90;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        PngChart chart = PngChart.titled(w, h,
                String.format(Locale.ROOT, "Engine cost per input event against NGOs (%,d offers a day)", runs.get(0).day().offers()), left);
        Graphics2D g = chart.graphics();

        double bound = runs.get(0).measurement().cpuPerThousand() * BenchReport.NGO_COST_TARGET;
        double maxCost = bound;
        for (DayRun r : runs) {
            maxCost = Math.max(maxCost, Math.max(r.measurement().cpuPerThousand(), r.measurement().wallPerThousand()));
        }
        double yMax = niceCeiling(maxCost * 1.1);
        double logMin = Math.log10(runs.stream().mapToInt(r -> r.day().ngos()).min().orElse(1)) - 0.15;
        double logMax = Math.log10(runs.stream().mapToInt(r -> r.day().ngos()).max().orElse(10)) + 0.15;
        if (logMax - logMin < 0.5) {
            logMin -= 0.25;
            logMax += 0.25;
        }
        double xFrom = logMin;
        double xSpan = logMax - logMin;
        java.util.function.IntUnaryOperator xOf = ngos -> left + (int) (plotW * (Math.log10(ngos) - xFrom) / xSpan);
        java.util.function.DoubleToIntFunction yOf = v -> top + plotH - (int) (plotH * v / yMax);

        g.drawRect(left, top, plotW, plotH);
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            int y = yOf.applyAsInt(v);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, left + plotW - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", v), left - 40, y + 4);
        }
        for (DayRun r : runs) {
            // under each day's NGOs, how many of them a search for candidates ranks
            String ngos = String.format(Locale.ROOT, "%,d", r.day().ngos());
            String inCell = String.format(Locale.ROOT, "(%,.0f in an offer's cell)", r.day().shape().ngosInOfferCell());
            int x = xOf.applyAsInt(r.day().ngos());
            g.setColor(Color.BLACK);
            g.drawString(ngos, x - g.getFontMetrics().stringWidth(ngos) / 2, top + plotH + 18);
            g.setColor(Color.DARK_GRAY);
            g.drawString(inCell, x - g.getFontMetrics().stringWidth(inCell) / 2, top + plotH + 34);
        }
        g.setColor(Color.BLACK);
        g.drawString("NGOs in the day (log scale)", left + plotW / 2 - 75, h - 20);
        g.drawString("seconds per 1,000 input events", left - 50, top - 8);

        int yBound = yOf.applyAsInt(bound);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        g.drawLine(left + 1, yBound, left + plotW - 1, yBound);
        g.drawString(String.format(Locale.ROOT, "%.1f × CPU at %,d NGOs", BenchReport.NGO_COST_TARGET, runs.get(0).day().ngos()),
                left + 5, yBound - 4);

        Object[][] series = {
            {"JVM CPU", Color.decode("#1b9e77"), (ToDoubleFunction<DayRun>) r -> r.measurement().cpuPerThousand()},
            {"wall time", Color.decode("#d95f02"), (ToDoubleFunction<DayRun>) r -> r.measurement().wallPerThousand()},
        };
        int legendY = top + 10;
        for (Object[] s : series) {
            @SuppressWarnings("unchecked")
            ToDoubleFunction<DayRun> value = (ToDoubleFunction<DayRun>) s[2];
            g.setColor((Color) s[1]);
            g.setStroke(new BasicStroke(2.5f));
            int px = -1;
            int py = -1;
            for (DayRun r : runs) {
                int x = xOf.applyAsInt(r.day().ngos());
                int y = yOf.applyAsInt(value.applyAsDouble(r));
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawLine(left + plotW + 15, legendY, left + plotW + 40, legendY);
            g.setColor(Color.BLACK);
            g.drawString((String) s[0], left + plotW + 48, legendY + 4);
            legendY += 22;
        }
        chart.write(png);
    }

    /** 1, 2 or 5 times a power of ten, at least v. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= v) {
                return m * decade;
            }
        }
        return 10 * decade;
    }
}
