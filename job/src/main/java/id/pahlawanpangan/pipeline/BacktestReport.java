package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.charts.PngChart;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Two policies' outcomes on the same input, side by side: a table and a chart. */
public final class BacktestReport {
    private final String recordedPolicy;
    private final String changedPolicy;
    private final PolicyOutcome recorded;
    private final PolicyOutcome changed;

    public BacktestReport(String recordedPolicy, PolicyOutcome recorded, String changedPolicy, PolicyOutcome changed) {
        this.recordedPolicy = recordedPolicy;
        this.recorded = recorded;
        this.changedPolicy = changedPolicy;
        this.changed = changed;
    }

    private record Row(String label, ToDoubleFunction<PolicyOutcome> value, String format, boolean counted) {}

    private static final List<Row> ROWS = List.of(
            new Row("offers", o -> o.offers, "%,.0f", true),
            new Row("proposed", o -> o.proposed, "%,.0f", true),
            new Row("claimed", o -> o.claimed, "%,.0f", true),
            new Row("completed (picked up)", o -> o.completed, "%,.0f", true),
            new Row("escalated", o -> o.escalated, "%,.0f", true),
            new Row("expired", o -> o.expired, "%,.0f", true),
            new Row("pickups missed", o -> o.pickupsMissed, "%,.0f", true),
            new Row("cancelled", o -> o.cancelled, "%,.0f", true),
            new Row("first proposal p50, s", o -> o.firstProposalP50, "%,.1f", false),
            new Row("first proposal p95, s", o -> o.firstProposalP95, "%,.1f", false),
            new Row("claim p50, s", o -> o.claimP50, "%,.1f", false),
            new Row("claim p95, s", o -> o.claimP95, "%,.1f", false),
            new Row("kg rescued", o -> o.kgRescued, "%,.1f", false),
            new Row("meals rescued", o -> o.mealsRescued, "%,.0f", false),
            new Row("kg CO2e avoided", o -> o.co2eAvoidedKg, "%,.1f", false));

    /** A Markdown table: each measure under the recorded and the changed policy, and the change. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("| | recorded policy | changed policy | change |\n|---|---:|---:|---:|\n");
        for (Row r : ROWS) {
            double a = r.value.applyAsDouble(recorded);
            double c = r.value.applyAsDouble(changed);
            b.append("| ").append(r.label).append(" | ").append(format(r.format, a)).append(" | ").append(format(r.format, c))
                    .append(" | ").append(change(r.format, a, c)).append(" |\n");
        }
        b.append("\nrecorded: ").append(recordedPolicy).append("\nchanged: ").append(changedPolicy).append('\n');
        return b.toString();
    }

    private static String format(String format, double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    private static String change(String format, double a, double c) {
        if (Double.isNaN(a) || Double.isNaN(c)) {
            return "–";
        }
        if (a == c) {
            return "0";
        }
        String delta = String.format(Locale.ROOT, format.replace("%", "%+"), c - a);
        return a == 0 ? delta : delta + String.format(Locale.ROOT, " (%+.1f %%)", 100 * (c - a) / Math.abs(a));
    }

    /** Bars of the offer counts and of the waits, recorded beside changed. */
    public void chart(Path png) throws IOException {
        PngChart chart = PngChart.titled(1100, 560, "Backtest: the recorded policy against the changed one, on the same input", 30);
        Graphics2D g = chart.graphics();
        Color recordedColour = Color.decode("#7570b3");
        Color changedColour = Color.decode("#d95f02");
        legend(g, recordedColour, "recorded: " + recordedPolicy, 30, 50);
        legend(g, changedColour, "changed: " + changedPolicy, 30, 68);
        List<Row> counts = ROWS.stream().filter(r -> r.counted && !r.label.equals("offers")).toList();
        List<Row> waits = ROWS.stream().filter(r -> r.label.endsWith(", s")).toList();
        panel(g, "offers", counts, 30, 100, 660, 400, recordedColour, changedColour);
        panel(g, "seconds of event time after posting", waits, 720, 100, 360, 400, recordedColour, changedColour);
        chart.write(png);
    }

    private static void legend(Graphics2D g, Color colour, String text, int x, int y) {
        g.setColor(colour);
        g.fillRect(x, y - 10, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString(text.length() > 140 ? text.substring(0, 137) + "..." : text, x + 20, y);
    }

    private void panel(Graphics2D g, String unit, List<Row> rows, int x, int y, int width, int height, Color a, Color b) {
        double max = 0;
        for (Row r : rows) {
            max = Math.max(max, nan0(r.value.applyAsDouble(recorded)));
            max = Math.max(max, nan0(r.value.applyAsDouble(changed)));
        }
        max = max <= 0 ? 1 : max * 1.15;
        int plotH = height - 60;
        int base = y + plotH;
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(x, base, x + width, base);
        g.drawString(unit, x, y - 6);
        int slot = width / rows.size();
        int bar = Math.max(6, (int) (slot * 0.4));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int left = x + i * slot + (slot - 2 * bar) / 2;
            drawBar(g, a, left, base, bar, plotH, nan0(r.value.applyAsDouble(recorded)) / max, format(r.format, r.value.applyAsDouble(recorded)));
            drawBar(g, b, left + bar, base, bar, plotH, nan0(r.value.applyAsDouble(changed)) / max, format(r.format, r.value.applyAsDouble(changed)));
            g.setColor(Color.BLACK);
            // the measure's name under its bars, on two lines when one is too wide for the slot
            String label = r.label.replace(", s", "").replace(" (picked up)", "");
            String[] lines = g.getFontMetrics().stringWidth(label) > slot - 4 && label.contains(" ")
                    ? new String[] {label.substring(0, label.lastIndexOf(' ')), label.substring(label.lastIndexOf(' ') + 1)}
                    : new String[] {label};
            for (int l = 0; l < lines.length; l++) {
                g.drawString(lines[l], x + i * slot + (slot - g.getFontMetrics().stringWidth(lines[l])) / 2, base + 18 + 15 * l);
            }
        }
    }

    private static void drawBar(Graphics2D g, Color colour, int x, int base, int width, int plotH, double share, String text) {
        int barH = (int) Math.round(plotH * share);
        g.setColor(colour);
        g.fillRect(x, base - barH, width - 2, barH);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(text, x, base - barH - 3);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static double nan0(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
