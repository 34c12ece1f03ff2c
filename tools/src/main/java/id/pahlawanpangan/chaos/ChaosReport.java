package id.pahlawanpangan.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A chaos run as a table, and as the section of a Markdown document between its markers. */
public final class ChaosReport {
    static final String BEGIN = "<!-- chaos:begin -->";
    static final String END = "<!-- chaos:end -->";

    private ChaosReport() {}

    public static String text(ChaosRun.Report r, String command) {
        StringBuilder b = new StringBuilder();
        b.append("Chaos run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" (").append(r.elapsed().toSeconds())
                .append(" s): `").append(command).append("`\n\n");
        b.append(String.format("Load: %.0f offers/s, %d NGOs, seed %d; %d messages published, %d not acknowledged, %d not published while NATS"
                + " was away.%n", r.settings().offersPerSecond, r.settings().ngos, r.settings().seed, r.published(), r.unacknowledged(),
                r.skipped()));
        b.append(String.format("Steady before the faults: first decision p50 %d ms, p95 %d ms; \"latency back\" = every offer published"
                + " during 5 s decided within %d ms.%n%n", r.steadyP50(), r.steadyP95(), r.threshold()));
        b.append("| # | at | fault | pid | deciding again after | latency back after |\n");
        b.append("|---|---|---|---|---|---|\n");
        int n = 1;
        for (FaultOutcome f : r.faults()) {
            b.append(String.format("| %d | %d s | %s | %d | %s | %s |%n", n++, f.at() / 1000, f.fault(), f.pid(),
                    ChaosRun.seconds(f.runningAgainMs()), ChaosRun.seconds(f.latencyBackMs())));
        }
        b.append(String.format("%nChecked against a replay of the %d input messages the streams hold (%d arrived more than the"
                + " out-of-orderness bound after their own time), %d messages in the output stream:%n%n", r.inputMessages(),
                r.lateArrivals(), r.outputMessages()));
        b.append("- ").append(r.postgis().summary()).append('\n');
        b.append("- ").append(r.nats().summary()).append('\n');
        b.append('\n').append(r.ok() ? "Verdict: PASS: nothing lost, nothing twice, nothing unexpected, per-offer order kept; the job"
                + " decided again after every fault." : "Verdict: FAIL").append('\n');
        return b.toString();
    }

    /** Replaces the section between the markers (or appends one) in {@code doc}. */
    public static void write(Path doc, String text) throws IOException {
        String section = BEGIN + "\n" + text + END;
        String content = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        int begin = content.indexOf(BEGIN);
        int end = content.indexOf(END);
        if (begin >= 0 && end > begin) {
            content = content.substring(0, begin) + section + content.substring(end + END.length());
        } else {
            content = content + (content.isEmpty() || content.endsWith("\n") ? "" : "\n") + section + "\n";
        }
        Files.writeString(doc, content, StandardCharsets.UTF_8);
    }
}
