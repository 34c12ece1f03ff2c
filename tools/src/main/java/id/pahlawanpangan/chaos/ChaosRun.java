package id.pahlawanpangan.chaos;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.live.MatchEventRows;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.pipeline.Replay;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A chaos run against a running deployment (the job on an HA cluster, its own nats-server and
 * PostgreSQL; {@code scripts/chaos} sets it up): load, then faults at random moments after the
 * first checkpoint, each measured until the job decides again and until latency is back; then
 * the input is drained and the output checked against a replay of exactly what the input streams
 * hold.
 */
public final class ChaosRun {
    /** What to run. */
    public static final class Settings {
        public int faults = 4;
        public Duration maxDuration = Duration.ofMinutes(10);
        public double offersPerSecond = 20;
        public int ngos = 300;
        public long seed = 1;
        public Duration warmUp = Duration.ofSeconds(30);
        public Duration minGap = Duration.ofSeconds(5);
        public Duration maxGap = Duration.ofSeconds(20);
        public Duration recoveryTimeout = Duration.ofMinutes(3);
        public Path workDir = Path.of("target", "chaos");
    }

    /** What the run saw. */
    public record Report(Settings settings, long steadyP50, long steadyP95, long threshold, List<FaultOutcome> faults, long published,
                  long unacknowledged, long skipped, int inputMessages, int lateArrivals, int outputMessages, QueueCheck.Result postgis,
                  QueueCheck.Result nats, Duration elapsed) {
        public boolean ok() {
            return postgis.ok() && nats.ok() && faults.stream().allMatch(f -> f.runningAgainMs() >= 0);
        }
    }

    private final Settings settings;
    private final NatsConnection natsConnection;
    private final PostgisConnection postgisAdmin;
    private final Subjects subjects;
    private final ChaosSite site;
    private final FlinkRest rest;
    private final Random random;

    public ChaosRun(Settings settings, NatsConnection nats, PostgisConnection postgisAdmin, Subjects subjects, ChaosSite site, FlinkRest rest) {
        this.settings = settings;
        this.natsConnection = nats;
        this.postgisAdmin = postgisAdmin;
        this.subjects = subjects;
        this.site = site;
        this.rest = rest;
        this.random = new Random(settings.seed);
    }

    public Report run() throws Exception {
        long began = System.currentTimeMillis();
        String jobId = awaitJob();
        log("the job %s runs and has checkpointed", jobId);
        try (Connection nats = natsConnection.connect("pangan-chaos"); OfferWatch watch = new OfferWatch(nats, subjects.outputs())) {
            ChaosLoad load = new ChaosLoad(nats, subjects, watch, settings.offersPerSecond, settings.ngos, settings.seed);
            load.start();
            long loadStarted = System.currentTimeMillis();
            Thread.sleep(settings.warmUp.toMillis());
            List<Long> steady = latencies(watch, loadStarted + settings.warmUp.toMillis() / 3, System.currentTimeMillis() - 5000);
            long p50 = percentile(steady, 50);
            long p95 = percentile(steady, 95);
            // "back to steady": new offers decided about as fast as before any fault
            long threshold = Math.max(2 * p95, p95 + 1000);
            log("steady: first decision p50 %d ms, p95 %d ms over %d offers; recovered means every offer for 5 s within %d ms", p50, p95,
                    steady.size(), threshold);

            List<FaultOutcome> outcomes = new ArrayList<>();
            for (Fault fault : FaultPlan.draw(settings.faults, random)) {
                if (System.currentTimeMillis() - began > settings.maxDuration.toMillis()) {
                    log("the run's time is up after %d faults", outcomes.size());
                    break;
                }
                long gap = settings.minGap.toMillis() + (long) (random.nextDouble() * (settings.maxGap.toMillis() - settings.minGap.toMillis()));
                Thread.sleep(gap);
                outcomes.add(inject(fault, jobId, watch, threshold, began));
            }
            Thread.sleep(10_000);
            load.close();
            long loadStopped = System.currentTimeMillis();
            log("load stopped: %d published, %d not acknowledged, %d skipped while NATS was away", load.published(), load.unacknowledged(),
                    load.skipped());

            long cut = drain(jobId, loadStopped);
            StreamContents streams = new StreamContents(nats, subjects);
            List<StreamContents.Stored> output = streams.output();
            List<String> postgis = postgisDecisions();
            Path input = settings.workDir.resolve("input.jsonl");
            StreamContents.ReplayInput replayInput = streams.writeReplayInput(input,
                    MatchingOptions.OUT_OF_ORDERNESS.defaultValue().toMillis());
            log("replaying the %d input messages the streams hold (%d arrived late)", replayInput.lines(), replayInput.lateArrivals());
            List<MatchEvent> replay = replay(input);
            QueueCheck check = new QueueCheck(replay, cut);
            QueueCheck.Result inPostgis = check.check("PostGIS", postgis, false);
            QueueCheck.Result inNats = check.check("NATS output stream", output.stream().map(StreamContents.Stored::text)
                    .collect(Collectors.toList()), true);
            return new Report(settings, p50, p95, threshold, outcomes, load.published(), load.unacknowledged(), load.skipped(),
                    replayInput.lines(), replayInput.lateArrivals(), output.size(), inPostgis, inNats,
                    Duration.ofMillis(System.currentTimeMillis() - began));
        }
    }

    private String awaitJob() throws InterruptedException {
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(3).toMillis();
        while (System.currentTimeMillis() < deadline) {
            String jobId = rest.jobId();
            if (jobId != null && rest.allRunning(jobId) && rest.completedCheckpoints(jobId) >= 1) {
                return jobId;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no running job with a completed checkpoint on the cluster within 3 minutes");
    }

    private FaultOutcome inject(Fault fault, String jobId, OfferWatch watch, long threshold, long began) throws Exception {
        long pid = site.pid(fault.target());
        long at = System.currentTimeMillis();
        log("fault: %s (pid %d)", fault, pid);
        if (fault.kill()) {
            ChaosSite.signal(fault.target(), pid, "KILL");
        } else {
            ChaosSite.signal(fault.target(), pid, "STOP");
            Thread.sleep(fault.stall().toMillis());
            ChaosSite.signal(fault.target(), pid, "CONT");
        }
        long deadline = at + settings.recoveryTimeout.toMillis();
        // Running again: every task running, a checkpoint triggered since the fault completed (the job
        // makes exactly-once progress, not just tasks left over from before it: after a
        // JobManager's death they run on until a new leader restarts them), and an offer
        // published since the fault decided.
        long runningAgain = -1;
        while (System.currentTimeMillis() < deadline) {
            long decided = watch.firstDecisionOfAnOfferPublishedSince(at);
            long checkpointed = rest.latestCheckpointAt(jobId);
            if (decided > 0 && checkpointed > at && rest.allRunning(jobId)) {
                runningAgain = Math.max(decided, checkpointed) - at;
                break;
            }
            Thread.sleep(250);
        }
        long latencyBack = -1;
        while (runningAgain >= 0 && System.currentTimeMillis() < deadline) {
            latencyBack = latencyBackAfter(watch, at, threshold);
            if (latencyBack >= 0) {
                break;
            }
            Thread.sleep(500);
        }
        FaultOutcome outcome = new FaultOutcome(fault, at - began, pid, runningAgain, latencyBack);
        log("  deciding again after %s, latency back after %s", seconds(runningAgain), seconds(latencyBack));
        return outcome;
    }

    /**
     * Latency is back when the offers published since the fault stopped being slow (first decision
     * later than {@code threshold}, or none yet) and five seconds of offers after the last slow one
     * were all fast: the time from the fault to the last slow offer's publishing (0 when none was
     * slow); -1 while that cannot be told yet.
     */
    private static long latencyBackAfter(OfferWatch watch, long since, long threshold) {
        long judgedUpTo = System.currentTimeMillis() - threshold;
        long lastSlow = -1;
        for (OfferWatch.FirstDecision d : watch.firstDecisions(since, judgedUpTo)) {
            if (d.latency() > threshold) {
                lastSlow = d.publishedAt();
            }
        }
        long fastFrom = lastSlow < 0 ? since : lastSlow + 1;
        if (judgedUpTo - fastFrom < 5000 || watch.firstDecisions(fastFrom, judgedUpTo).isEmpty()) {
            return -1;
        }
        return lastSlow < 0 ? 0 : lastSlow - since;
    }

    /**
     * Waits until every operator's event time has passed the end of the load by five seconds
     * (the job has read everything and decided all that was due by then: an operator's watermark
     * follows the decisions before it in its channels), then for a checkpoint triggered after
     * that (PostGIS and the output stream are settled at checkpoints). Returns the cut: the time
     * up to which the live job has decided everything. Waiting for the output to stop growing
     * would not do: holds keep ending and offers keep cascading after the load stops.
     */
    private long drain(String jobId, long loadStopped) throws Exception {
        long cut = loadStopped + 5000;
        waitUntil("every operator's event time to pass the end of the load", Duration.ofMinutes(5),
                () -> rest.minInputWatermark(jobId) >= cut);
        long reached = System.currentTimeMillis();
        waitUntil("a checkpoint after that", Duration.ofMinutes(2), () -> rest.latestCheckpointAt(jobId) > reached);
        return cut;
    }

    /** The decisions in PostGIS as JSON, a dead letter's payload merged back from rejected_input. */
    private List<String> postgisDecisions() throws Exception {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = postgisAdmin.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(MatchEventRows.SELECT_DECISIONS_AS_JSON)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private List<MatchEvent> replay(Path input) throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return Replay.run(env, config, input);
    }

    private static List<Long> latencies(OfferWatch watch, long from, long to) {
        return watch.firstDecisions(from, to).stream().map(OfferWatch.FirstDecision::latency).sorted().collect(Collectors.toList());
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void waitUntil(String what, Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + atMost.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("chaos: gave up waiting for " + what + " after " + atMost);
            }
            Thread.sleep(500);
        }
    }

    static String seconds(long ms) {
        return ms < 0 ? "never" : String.format("%.1f s", ms / 1000.0);
    }

    private static void log(String format, Object... args) {
        System.out.printf("chaos %tT %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.flush();
    }
}
