package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The soak's results as a section of a Markdown document: what ran, how it was measured, the table, the verdicts, a plot. */
public final class SoakDocument {
    static final DocSection SECTION = new DocSection(
            "<!-- soak: written by `make soak`; edit outside these markers -->", "<!-- soak: end -->");
    static final String PLOT = "soak.png";

    private final Soak.Run run;
    private final String machine;
    private final Instant writtenAt;

    SoakDocument(Soak.Run run, String machine, Instant writtenAt) {
        this.run = run;
        this.machine = machine;
        this.writtenAt = writtenAt;
    }

    public static SoakDocument of(Soak.Run run, id.pahlawanpangan.connectors.postgis.PostgisConnection postgis) {
        return new SoakDocument(run, LiveBenchDocument.machine(postgis), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** The table and the verdicts, as printed. */
    public String results() {
        return SoakReport.table(run) + '\n' + SoakReport.closed(run) + '\n' + SoakReport.verdicts(run);
    }

    /** Writes the section into {@code doc} between its markers, and the plot beside it. */
    public void write(Path doc) throws IOException {
        SoakPlot.write(run, doc.resolveSibling(PLOT));
        SECTION.write(doc, section());
    }

    String section() {
        Soak.Settings s = run.settings;
        double minLoad = run.samples.stream().mapToDouble(x -> x.loadAverage).filter(x -> x >= 0).min().orElse(-1);
        double maxLoad = run.samples.stream().mapToDouble(x -> x.loadAverage).filter(x -> x >= 0).max().orElse(-1);
        StringBuilder b = new StringBuilder();
        b.append("## Memory soak: `make soak`\n\n");
        b.append("Written by `make soak` (`bin/pangan soak --doc docs/BENCHMARKS.md`) on ").append(writtenAt)
                .append("; every figure below is from that run.\n\n");
        b.append("Machine: ").append(machine).append(String.format("; 1-minute load average %.1f to %.1f at the samples", minLoad, maxLoad))
                .append(" (the job, nats-server, PostgreSQL and the load generator share the cores, with whatever else runs).\n\n");
        b.append("What runs: the live job in a JVM of its own, as bench-live runs it (`bin/pangan run --fresh`, parallelism ")
                .append(s.parallelism).append(", the project's `flink-conf`: exactly-once checkpoints every 10 s, incremental RocksDB,"
                        + " timers on the heap), job settings ").append(run.jobSettings).append(", under bench-live's open-loop load at ")
                .append(s.rate).append(" offers/s for ").append(s.duration.toSeconds()).append(" s (")
                .append(run.offersPosted).append(" offers; the generator was at most ").append(run.generatorBehindMs)
                .append(" ms behind its schedule). Offers keep ").append(s.shelfLife.toSeconds()).append(" s; ").append(s.ngos)
                .append(" NGOs answer as in bench-live (half accept within 3 s, a tenth decline, the rest let the ")
                .append(s.claimWindow.toSeconds()).append(" s hold run out) and pick up nine in ten of the offers they claimed within 20 s."
                        + " Every offer is closed by the end of its shelf life (completed, expired or pickup missed) and forgotten ")
                .append(s.closedRetention.toSeconds()).append(" s later (`match.closed-retention`), so the job's state should be bounded"
                        + " by the offers open and a minute of closed ones, not by the time run.\n\n");
        b.append("Measured at the end of every ").append(s.sampleEvery.toSeconds()).append(" s interval: *offers open*, published and not"
                + " closed as the load generator saw on the output stream, and those *awaiting a first decision* (a proposal, or an"
                + " escalation for want of candidates); *the job's event time behind the clock*, the least watermark of its operators"
                + " (REST `/jobs/<id>/vertices/<id>/watermarks`) against the wall clock, about a second when the job keeps up, more when"
                + " events it has read wait inside it (JetStream's count of pending messages does not show those); *input lag*, the input streams' messages the job's sources"
                + " had not read (at the sample, and the most of the per-second readings in the interval); the *latest completed"
                + " checkpoint* from the embedded cluster's REST API (`/jobs/<id>/checkpoints`, `latest.completed`: `state_size`,"
                + " everything the checkpoint refers to, with incremental checkpoints the earlier checkpoints' files still in use too,"
                + " and `checkpointed_size`, what it uploaded; the soak gives the cluster a `rest.bind-port`, which it otherwise picks at"
                + " random); *RocksDB on disk*, every file of the job's RocksDB instances, which the embedded cluster keeps in"
                + " `<java.io.tmpdir>/minicluster_<id>/tm_0/tmp/job_<job id>_op_<operator>_<subtask>__uuid_<uuid>/` (hard links of a"
                + " checkpoint in progress counted once); the job's resident memory (`/proc`); and last, as its pause would disturb the"
                + " others, the *heap after a full GC*: `jcmd <pid> GC.run`, then the used heap of `jcmd <pid> GC.heap_info`. Not the"
                + " TaskManager's `Status.JVM.Memory.Heap.Used` metric: between collections it is a sawtooth that tells when the last"
                + " young collection ran, not what the job keeps (and on the embedded cluster the JobManager, the TaskManager and the"
                + " client share one JVM, so it would be the same heap). *publish → first proposal p99* as bench-live measures it, for"
                + " the offers posted in the interval.\n\n");
        b.append("Verdict: the samples after a warm-up of ").append(s.effectiveWarmUp().toSeconds()).append(" s (a shelf life and a"
                + " retention: until the first offers are closed and forgotten) are cut in thirds; a measure is flat when the last"
                + " third's mean is at most ").append(s.flatFactor).append(" times the first third's (a fall counts as flat). The"
                + " least-squares line through the same samples is printed either way, as growth per minute. The job kept up when its event"
                + " time stayed within ").append(s.keptUpWithin.toSeconds()).append(" s of the clock after warm-up; when it did not, the"
                + " sizes grow with its backlog and say nothing about a leak.\n\n");
        b.append(results()).append('\n');
        b.append("![heap after GC, RocksDB and checkpoint size, and offers open, over the soak](").append(PLOT).append(")\n");
        return b.toString();
    }
}
