package id.pahlawanpangan.bench;

import id.pahlawanpangan.charts.PngChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** The live benchmark's results: a table per run, the targets of the real-time issue, and a plot. */
final class LiveBenchReport {
    private LiveBenchReport() {}

    static String table(LiveBenchmark.Run run) {
        StringBuilder b = new StringBuilder();
        b.append("| phase | offers | decided/s | awaiting a decision at end (max) | JetStream offers lag max | publish → first proposal ms p50 / p95 / p99 / max (n) "
                + "| hold_until → hold_expired ms p50 / p95 / p99 / max (n) | publish → PostGIS row ms p50 / p95 / p99 / max (n) "
                + "| CPU s per 1,000 offers: job / nats / pg / load |\n");
        b.append("|---|---:|---:|---|---:|---|---|---|---|\n");
        for (LivePhase p : run.phases) {
            if (!p.measured) {
                continue;
            }
            DecisionWatch.PhaseLatencies l = p.latencies;
            b.append(String.format("| %s | %d | %.0f | %d (%d) | %d | %s (%d) | %s (%d) | %s (%d) | %.2f / %.2f / %.2f / %.2f |%n",
                    p.name, p.offersPosted, p.decidedPerSecond(), p.undecidedAtEnd, p.undecidedMax, p.lagMax,
                    l.firstProposal.summary(), l.firstProposal.count(), l.holdExpiry.summary(), l.holdExpiry.count(),
                    l.postgisVisible.summary(), l.postgisVisible.count(),
                    p.perThousandOffers(p.jobCpu), p.perThousandOffers(p.natsCpu), p.perThousandOffers(p.postgresCpu),
                    p.perThousandOffers(p.loadCpu)));
        }
        b.append('\n');
        for (LivePhase p : run.phases) {
            if (p.measured) {
                String caughtUp = p.undecidedAfterDrain > 0 ? p.undecidedAfterDrain + " of its offers still had no decision three minutes after it"
                        : String.format("every offer of it had its first decision %.1f s after it ended", Math.max(0, p.catchUpSeconds));
                b.append(String.format("- %s: the load generator was at most %d ms behind its schedule; %s.%n", p.name, p.generatorBehindMs, caughtUp));
            }
        }
        return b.toString();
    }

    /** The targets against this run's figures: one line each, met or missed and by how much. */
    static List<String> targets(LiveBenchmark.Run defaults, LiveBenchmark.Run tight, long boundMs) {
        List<String> lines = new ArrayList<>();
        for (LivePhase p : defaults.phases) {
            if (p.measured && (p.name.contains("streams quiet") || p.offersPerSecond == 1000)) {
                lines.add(check("p99 publish → first proposal, " + p.name, p.latencies.firstProposal.percentile(0.99), 800));
            }
            if (p.name.equals(LiveBenchmark.QUIET_HOLDS)) {
                lines.add(check("p99 hold_until → offer.hold_expired received, every input quiet", p.latencies.holdExpiry.percentile(0.99),
                        boundMs + 1000));
            }
        }
        if (tight != null) {
            for (LivePhase p : tight.phases) {
                if (p.measured && p.offersPerSecond == 1000 && !p.name.contains("streams quiet")) {
                    lines.add(check("p99 publish → first proposal, " + p.name + ", out-of-orderness 100 ms",
                            p.latencies.firstProposal.percentile(0.99), 400));
                }
            }
        }
        return lines;
    }

    private static String check(String what, long measured, long target) {
        return String.format("- %s: %d ms (target ≤ %d ms): %s", what, measured, target,
                measured < 0 ? "no samples" : measured <= target ? "met" : "missed by " + (measured - target) + " ms");
    }

    /**
     * Two panels against the offered rate (phases where NGOs answer): percentiles of publish →
     * first proposal, log scale; and offers decided per second, beside the rate a job that keeps
     * up decides.
     */
    static void plot(LiveBenchmark.Run run, Path png) throws IOException {
        List<LivePhase> rows = new ArrayList<>();
        for (LivePhase p : run.phases) {
            if (p.measured && p.answering == LiveBenchmark.REALISTIC && p.latencies.firstProposal.count() > 0) {
                rows.add(p);
            }
        }
        int w = 900;
        int h = 520 + THROUGHPUT_PANEL_HEIGHT;
        int left = 80;
        int right = 200;
        int top = 50;
        int bottom = 70;
        PngChart chart = PngChart.titled(w, h, "Publish → first proposal received, real time (" + run.label + ")", left);
        Graphics2D g = chart.graphics();
        long maxMs = 1000;
        for (LivePhase p : rows) {
            maxMs = Math.max(maxMs, p.latencies.firstProposal.percentile(0.99));
            maxMs = Math.max(maxMs, p.latencies.holdExpiry.percentile(0.99));
        }
        // milliseconds on a log scale: 100 ms to a few seconds matter, and an overloaded rate may reach a minute
        double logMinMs = Math.log10(100);
        double logMaxMs = Math.log10(maxMs * 1.2);
        double minRate = rows.stream().mapToInt(p -> p.offersPerSecond).min().orElse(10);
        double maxRate = rows.stream().mapToInt(p -> p.offersPerSecond).max().orElse(1000);
        double logMin = Math.log10(minRate) - 0.15;
        double logMax = Math.log10(maxRate) + 0.15;
        int plotW = w - left - right;
        int plotH = h - THROUGHPUT_PANEL_HEIGHT - top - bottom;
        java.util.function.LongToIntFunction yOf = ms -> top + plotH
                - (int) (plotH * (Math.log10(Math.max(100, ms)) - logMinMs) / (logMaxMs - logMinMs));
        g.drawRect(left, top, plotW, plotH);
        for (long decade = 100; decade <= maxMs * 1.2; decade *= 10) {
            for (long ms : new long[] {decade, 2 * decade, 5 * decade}) {
                if (ms > maxMs * 1.2) {
                    break;
                }
                int y = yOf.applyAsInt(ms);
                g.setColor(new Color(230, 230, 230));
                g.drawLine(left + 1, y, left + plotW - 1, y);
                g.setColor(Color.BLACK);
                g.drawString(ms >= 1000 ? (ms / 1000) + " s" : ms + " ms", left - 55, y + 4);
            }
        }
        // the target for the first proposal
        int target = yOf.applyAsInt(800);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        g.drawLine(left + 1, target, left + plotW - 1, target);
        g.drawString("800 ms", left + plotW - 45, target - 4);
        g.setColor(Color.BLACK);
        for (LivePhase p : rows) {
            int x = left + (int) (plotW * (Math.log10(p.offersPerSecond) - logMin) / (logMax - logMin));
            g.drawString(Integer.toString(p.offersPerSecond), x - 12, top + plotH + 18);
        }
        g.drawString("offered offers/s (log scale)", left + plotW / 2 - 70, top + plotH + 45);
        g.drawString("(log scale)", 5, top - 10);
        Object[][] series = {
            {"first proposal p50", Color.decode("#1b9e77"), (ToLongFunction<LivePhase>) p -> p.latencies.firstProposal.percentile(0.50), false},
            {"first proposal p95", Color.decode("#d95f02"), (ToLongFunction<LivePhase>) p -> p.latencies.firstProposal.percentile(0.95), false},
            {"first proposal p99", Color.decode("#7570b3"), (ToLongFunction<LivePhase>) p -> p.latencies.firstProposal.percentile(0.99), false},
            {"hold expiry p99", Color.decode("#e7298a"), (ToLongFunction<LivePhase>) p -> p.latencies.holdExpiry.percentile(0.99), true},
        };
        int legendY = top + 10;
        for (Object[] s : series) {
            @SuppressWarnings("unchecked")
            ToLongFunction<LivePhase> value = (ToLongFunction<LivePhase>) s[2];
            g.setColor((Color) s[1]);
            g.setStroke((Boolean) s[3] ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.5f));
            int px = -1;
            int py = -1;
            for (LivePhase p : rows) {
                long v = value.applyAsLong(p);
                if (v < 0) {
                    continue;
                }
                int x = left + (int) (plotW * (Math.log10(p.offersPerSecond) - logMin) / (logMax - logMin));
                int y = yOf.applyAsInt(v);
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
        List<LivePhase> answered = new ArrayList<>();
        for (LivePhase p : run.phases) {
            if (p.measured && p.answering == LiveBenchmark.REALISTIC) {
                answered.add(p); // a rate that decided nothing belongs here most of all
            }
        }
        drawThroughput(g, answered, run.label, left, top + plotH + bottom + 40, plotW, THROUGHPUT_PANEL_HEIGHT - 110);
        chart.write(png);
    }

    private static final int THROUGHPUT_PANEL_HEIGHT = 420;

    /** Decided offers/s against offered offers/s, both linear, with the diagonal of keeping up. */
    private static void drawThroughput(Graphics2D g, List<LivePhase> rows, String label, int left, int top, int plotW, int plotH) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Offers decided per second, real time (" + label + ")", left, top - 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double max = 0;
        for (LivePhase p : rows) {
            max = Math.max(max, Math.max(p.offersPerSecond, p.decidedPerSecond()));
        }
        double step = niceStep(max / 5);
        double scaleMax = Math.ceil(max * 1.05 / step) * step;
        java.util.function.DoubleUnaryOperator xOf = v -> left + plotW * v / scaleMax;
        java.util.function.DoubleUnaryOperator yOf = v -> top + plotH - plotH * v / scaleMax;
        g.drawRect(left, top, plotW, plotH);
        for (double v = 0; v <= scaleMax + 1e-9; v += step) {
            int y = (int) yOf.applyAsDouble(v);
            int x = (int) xOf.applyAsDouble(v);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, left + plotW - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,.0f", v), left - 55, y + 4);
            g.drawString(String.format("%,.0f", v), x - 12, top + plotH + 18);
        }
        g.drawString("offered offers/s", left + plotW / 2 - 45, top + plotH + 40);
        g.drawString("decided/s", 5, top - 30);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        g.drawLine((int) xOf.applyAsDouble(0), (int) yOf.applyAsDouble(0), (int) xOf.applyAsDouble(scaleMax), (int) yOf.applyAsDouble(scaleMax));
        g.drawString("keeping up", (int) xOf.applyAsDouble(scaleMax * 0.82), (int) yOf.applyAsDouble(scaleMax * 0.86));
        g.setColor(Color.decode("#1b9e77"));
        g.setStroke(new BasicStroke(2.5f));
        int px = -1;
        int py = -1;
        for (LivePhase p : rows) {
            int x = (int) xOf.applyAsDouble(p.offersPerSecond);
            int y = (int) yOf.applyAsDouble(p.decidedPerSecond());
            g.fillOval(x - 4, y - 4, 8, 8);
            g.drawString(String.format("%,.0f", p.decidedPerSecond()), x + 6, y - 6);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double decade = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * decade >= raw) {
                return m * decade;
            }
        }
        return 10 * decade;
    }
}
