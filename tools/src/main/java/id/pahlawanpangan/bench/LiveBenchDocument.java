package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The live benchmark's results as a document: machine, command, setup, tables, targets, plot. */
public final class LiveBenchDocument {
    private final LiveBenchmark.Settings settings;
    private final List<LiveBenchmark.Run> runs;
    private final PostgisConnection postgis;

    public LiveBenchDocument(LiveBenchmark.Settings settings, List<LiveBenchmark.Run> runs, PostgisConnection postgis) {
        this.settings = settings;
        this.runs = runs;
        this.postgis = postgis;
    }

    /** The tables and the targets, as printed. */
    public String results() {
        StringBuilder b = new StringBuilder();
        for (LiveBenchmark.Run run : runs) {
            b.append("### ").append(run.label).append(" (job settings: ").append(run.jobSettings).append(")\n\n");
            b.append(LiveBenchReport.table(run)).append('\n');
        }
        b.append("### Targets (issue: real time)\n\n");
        for (String line : LiveBenchReport.targets(runs.get(0), runs.size() > 1 ? runs.get(1) : null, 500)) {
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static final String START = "<!-- bench-live: written by `make bench-live`; edit outside these markers -->";
    private static final String END = "<!-- bench-live: end -->";

    /**
     * Writes the results into {@code doc} between its markers, keeping what is written around them
     * (a new file gets a title and the markers), and the plot beside it.
     */
    public void write(Path doc) throws IOException {
        Path png = doc.resolveSibling("bench-live.png");
        LiveBenchReport.plot(runs.get(0), png);
        new DocSection(START, END).write(doc, section());
    }

    private String section() {
        StringBuilder b = new StringBuilder();
        b.append("## Real time: `make bench-live`\n\n");
        b.append("Written by `make bench-live` (`bin/pangan bench-live --doc docs/BENCHMARKS.md`) on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("; every figure below is from that run.\n\n");
        b.append("Machine: ").append(machine(postgis)).append(".\n\n");
        b.append("What runs: the live job in a JVM of its own (`bin/pangan run --fresh`, parallelism ").append(settings.parallelism)
                .append(", the project's `flink-conf`: exactly-once checkpoints every 10 s, RocksDB), reading JetStream and writing"
                        + " PostGIS and JetStream on this machine's nats-server and PostgreSQL, beside the load generator. The generator"
                        + " is open-loop: it publishes each offer when it is due, asynchronously, whatever the job does, and dates it by"
                        + " the wall clock at that moment (event time = the moment of publishing). ")
                .append(settings.ngos).append(" NGOs of Indonesia's cities publish a snapshot at the start and then sparsely (each about"
                        + " every five minutes); NGOs answer proposals within 3 s: half accept, a tenth decline, the rest let the hold run"
                        + " out (claim window ").append(settings.claimWindow.toSeconds()).append(" s, so that holds end within a phase)."
                        + " Each rate runs ").append(settings.phase.toSeconds()).append(" s after a ").append(settings.warmUp.toSeconds())
                .append(" s warm-up that is not counted; the 10/s rate also runs with the NGO and claims streams quiet (no"
                        + " snapshots, no answers). One phase (before the high rates) posts 20 offers that nobody answers and times"
                        + " their holds ending while every input is quiet. Between phases the benchmark waits until every offer has had its"
                        + " first decision (at most three minutes). Hold expiries count in the phase in which they arrive.\n\n");
        b.append("Measured where users see it: *publish → first proposal* from the offer's publishing to its first `offer.proposed`"
                + " arriving at a NATS subscriber on `pangan.out.>`; *hold_until → hold_expired* from the hold's end (its event time) to"
                + " `offer.hold_expired` arriving; *publish → PostGIS row* for a sample of offers, polled every 20 ms in `match_events`;"
                + " *decided/s*, offers that got their first decision (a proposal, or an escalation for want of candidates) per second"
                + " while the phase ran, and *awaiting a decision*, offers published but not decided yet (at the phase's end, and at most):"
                + " a job that keeps up decides as many offers as are offered and has about a second's worth waiting;"
                + " *JetStream offers lag*, the offers stream's messages the job's source has not read; CPU time of each process (`/proc`), per 1,000 offers posted.\n\n");
        b.append(results()).append('\n');
        b.append("![publish → first proposal, and offers decided per second, against the offered rate](bench-live.png)\n");
        return b.toString();
    }

    /** The machine, and the versions of the servers the live job runs on (the soak's document says the same). */
    static String machine(PostgisConnection postgis) {
        StringBuilder b = new StringBuilder(Machine.describe());
        try (var c = postgis.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("show server_version")) {
            r.next();
            b.append(", PostgreSQL ").append(r.getString(1));
        } catch (Exception e) {
            // machine details are a courtesy
        }
        b.append(", nats-server ").append(natsServerVersion());
        return b.toString();
    }

    static String natsServerVersion() {
        try {
            Process p = new ProcessBuilder("nats-server", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out.replace("nats-server: ", "");
        } catch (Exception e) {
            return "(version unknown)";
        }
    }
}
