package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The results of {@code bin/pangan bench} as a section of a document: machine, command, what runs, tables, ratios, plot. */
public final class BenchDocument {
    static final String START = "<!-- bench: written by `make bench`; edit outside these markers -->";
    static final String END = "<!-- bench: end -->";
    static final String PLOT = "bench-ngos.png";

    private final BenchResults results;
    private final String command;

    public BenchDocument(BenchResults results, String command) {
        this.results = results;
        this.command = command;
    }

    /** Writes the section between its markers in {@code doc}, keeping the rest, and the plot beside it. */
    public void write(Path doc) throws IOException {
        if (results.ngoScaling.size() > 0) {
            NgoCostPlot.write(results.ngoScaling, doc.resolveSibling(PLOT));
        }
        new DocSection(START, END).write(doc, section(Instant.now()));
    }

    String section(Instant now) {
        StringBuilder b = new StringBuilder();
        b.append("## Throughput: `make bench`\n\n");
        b.append("Written by `").append(command).append("` on ").append(now.truncatedTo(ChronoUnit.SECONDS))
                .append("; every figure below is from that run.\n\n");
        b.append("Machine: ").append(Machine.describe()).append(".\n\n");
        b.append(whatRuns());
        b.append(new BenchReport(results).text());
        if (results.ngoScaling.size() > 0) {
            b.append("![engine cost per input event against the day's NGOs](").append(PLOT).append(")\n");
        }
        return b.toString();
    }

    private String whatRuns() {
        StringBuilder b = new StringBuilder();
        b.append("Every engine run is a job on an embedded Flink cluster inside the benchmark's JVM, with the replay's settings"
                + " (RocksDB state, heap timers, 512 MB managed memory, generic types off) and checkpoints every 10 s to local disk;"
                + " it ends when its input ends, without waiting for one more checkpoint. *Wall* is the time `env.execute` took,"
                + " the cluster's start and stop included; *JVM CPU* is the process CPU time of the JVM over the same span"
                + " (`OperatingSystemMXBean.getProcessCpuTime`: every task thread, garbage collection and JIT). The probe and the"
                + " engine each run once unmeasured first (a tenth of the probe's events; a day of 2,000 offers), so that no measured"
                + " run pays alone for loading and compiling their code. Both times grow when other work shares the machine"
                + " (threads wait for a core, caches are shared): `--repeat N` runs each engine measurement N times, in rounds,"
                + " and keeps the fastest.\n\n");
        if (results.probe != null) {
            b.append("- *engine probe*: the least a keyed event lifecycle costs with our state setup. A generated source gives each"
                    + " event a key and a rising event time (watermarks for monotonous timestamps); per event one `ValueState` read"
                    + " and write of a small POJO and one event-time timer deleted and one registered (10 minutes ahead, so only the"
                    + " last of each key fires, at the end); a discarding sink.\n");
        }
        if (!results.days.isEmpty()) {
            b.append("- *engine*: a generated day (`bin/pangan generate`, seed 42) read from its file by the job's own replay input,"
                    + " through the whole matching job (validation, event time, offer directory, NGO router, cell matcher), into an"
                    + " output that only counts; when the file ends every timer fires (holds end, offers expire). Input events/s ="
                    + " the day's lines over the wall time. *NGOs per cell*: NGOs whose outer (tier 2) disk reaches a cell during the"
                    + " day, over the cells any NGO reaches (S2 level 10); *NGOs in an offer's cell*: the same, over the offers, which"
                    + " is what a search for candidates ranks; *cells per NGO snapshot*: the cells each `ngo.availability` is copied to."
                    + " The NGO series keeps the offers and adds NGOs; the hot spot day posts a share of its offers in one cell of"
                    + " central Jakarta (`bin/pangan generate --hotspot-share`) and runs right after the uniform day of the same size.\n");
        }
        if (results.rows.stream().anyMatch(m -> m.benchmark().equals("replay"))) {
            b.append("- *replay*: `bin/pangan replay` as it is: the job with its file output, committed at checkpoints and read back"
                    + " in decision order.\n");
        }
        if (results.rows.stream().anyMatch(m -> m.benchmark().endsWith(" sink"))) {
            b.append("- *sinks*: each sink alone, fed generated decisions, into the local PostgreSQL and nats-server; the JVM's CPU"
                    + " leaves out the servers'.\n");
        }
        return b.append('\n').toString();
    }
}
