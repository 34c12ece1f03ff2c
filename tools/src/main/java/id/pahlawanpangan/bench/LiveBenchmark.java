package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.workload.LiveLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The live job in real time, as its users run it: the job in a JVM of its own on the local
 * nats-server and PostgreSQL (exactly-once checkpoints, RocksDB, the project's flink-conf), and
 * an open-loop load that publishes offers at fixed rates whatever the job does, dated by the wall
 * clock at the moment of publishing, with NGOs answering proposals. Each phase measures, where
 * users see it: publish → first proposal received on NATS, hold_until → offer.hold_expired
 * received, publish → first proposal's row visible in PostGIS, the consumer lag, and the CPU
 * time of each process per 1,000 offers.
 */
public final class LiveBenchmark {
    /** What to run. */
    public static final class Settings {
        public List<Integer> rates = List.of(10, 100, 1000, 2000);
        public Duration phase = Duration.ofSeconds(60);
        public Duration warmUp = Duration.ofSeconds(30);
        public int ngos = 1000;
        /** Short enough that holds end within a phase. */
        public Duration claimWindow = Duration.ofSeconds(10);
        public int parallelism = 2;
        public long seed = 7;
        public Path workDir = Path.of("target", "bench-live");
    }

    /** One run of the job: its settings and its measured phases. */
    public static final class Run {
        final String label;
        final Map<String, String> jobSettings;
        final List<LivePhase> phases;

        Run(String label, Map<String, String> jobSettings, List<LivePhase> phases) {
            this.label = label;
            this.jobSettings = jobSettings;
            this.phases = phases;
        }
    }

    /** NGOs answer within three seconds: about half accept, a tenth decline, the rest let the hold run out. */
    static final DecisionWatch.Answering REALISTIC = new DecisionWatch.Answering(0.5, 0.1, 3_000);
    private static final String DATABASE = "pangan_bench_live";
    static final String QUIET_HOLDS = "holds ending, every input quiet";

    private final Settings settings;
    private final NatsConnection nats;
    private final PostgisConnection postgisServer;
    private final String jobUser;

    /** {@code postgisServer} as the administrator (databases, migrations); the job's process writes as {@code jobUser}. */
    public LiveBenchmark(Settings settings, NatsConnection nats, PostgisConnection postgisServer, String jobUser) {
        this.settings = settings;
        this.nats = nats;
        this.postgisServer = postgisServer;
        this.jobUser = jobUser;
    }

    /** Warm-up, then each rate; then a few offers nobody answers, to time holds ending while every input is quiet. */
    public List<LivePhase> phases(List<Integer> rates) {
        List<LivePhase> phases = new ArrayList<>();
        double sparseSnapshots = settings.ngos / 300.0; // each NGO about every five minutes
        phases.add(new LivePhase("warm-up", 100, settings.warmUp, 0, REALISTIC, sparseSnapshots, false));
        boolean quietHoldsTimed = false;
        for (int rate : rates.stream().sorted().toList()) {
            if (rate > 100 && !quietHoldsTimed) {
                // before the high rates, so that a job they leave behind cannot delay it
                phases.add(quietHolds());
                quietHoldsTimed = true;
            }
            if (rate <= 10) {
                phases.add(new LivePhase(rate + "/s, NGO and claims streams quiet", rate, settings.phase, 0,
                        DecisionWatch.Answering.SILENT, 0, true));
            }
            phases.add(new LivePhase(rate + "/s", rate, settings.phase, 0, REALISTIC, sparseSnapshots, true));
        }
        if (!quietHoldsTimed) {
            phases.add(quietHolds());
        }
        return phases;
    }

    private LivePhase quietHolds() {
        return new LivePhase(QUIET_HOLDS, 10, settings.phase, 20, DecisionWatch.Answering.SILENT, 0, true);
    }

    public Run run(String label, Map<String, String> extraJobSettings, List<LivePhase> phases) throws Exception {
        Map<String, String> jobSettings = new LinkedHashMap<>();
        jobSettings.put("match.claim-window", settings.claimWindow.toMillis() + " ms");
        jobSettings.putAll(extraJobSettings);
        LiveRig.Site site = new LiveRig.Site("bench-live", "bench", DATABASE, settings.workDir, nats, postgisServer, jobUser);
        try (LiveRig rig = LiveRig.start(site, label, jobSettings, settings.parallelism, settings.ngos, settings.seed);
             PostgisProbe probe = new PostgisProbe(rig.db)) {
            for (LivePhase phase : phases) {
                System.out.printf("bench-live: %s: %s ...%n", label, phase.name);
                runPhase(phase, rig, probe);
                rig.checkJobAlive();
            }
            rig.checkAcknowledged();
        }
        return new Run(label, jobSettings, phases);
    }

    private void runPhase(LivePhase phase, LiveRig rig, PostgisProbe probe) throws Exception {
        LiveLoad load = rig.load;
        DecisionWatch watch = rig.watch;
        watch.answering(phase.answering);
        watch.currentPhase(phase.latencies);
        long firstDecisionsBefore = watch.firstDecisions();
        int sampleEvery = Math.max(1, phase.offersPerSecond / 20);
        phase.lagMax = rig.pending(SourceStream.OFFERS);
        double[] cpu = cpu(rig.job);
        long start = System.currentTimeMillis();
        long end = start + phase.duration.toMillis();
        OpenLoop loop = new OpenLoop(load, watch, phase.offersPerSecond, phase.maxOffers, phase.ngoSnapshotsPerSecond, start);
        long nextLagSample = start + 1_000;
        while (true) {
            long now = System.currentTimeMillis();
            if (now >= end || loop.allPosted()) {
                break;
            }
            long due = loop.step(now, (offer, index) -> {
                watch.posted(offer.offerId, offer.publishedAt, phase.latencies);
                if (index % sampleEvery == 0) {
                    probe.watch(offer.offerId, offer.publishedAt, phase.latencies.postgisVisible);
                }
            });
            if (now >= nextLagSample) {
                phase.lagMax = Math.max(phase.lagMax, rig.pending(SourceStream.OFFERS));
                phase.undecidedMax = Math.max(phase.undecidedMax, watch.undecided());
                nextLagSample = now + 1_000;
            }
            OpenLoop.pause(due);
        }
        phase.seconds = (System.currentTimeMillis() - start) / 1000.0;
        phase.offersPosted = loop.posted();
        phase.generatorBehindMs = loop.behindMs();
        phase.firstDecisions = watch.firstDecisions() - firstDecisionsBefore;
        phase.undecidedAtEnd = watch.undecided();
        phase.undecidedMax = Math.max(phase.undecidedMax, phase.undecidedAtEnd);
        phase.lagMax = Math.max(phase.lagMax, rig.pending(SourceStream.OFFERS));
        double[] after = cpu(rig.job);
        phase.jobCpu = after[0] - cpu[0];
        phase.natsCpu = after[1] - cpu[1];
        phase.postgresCpu = after[2] - cpu[2];
        phase.loadCpu = after[3] - cpu[3];
        // before the next phase: every offer of this one decided (a job that fell behind catches up,
        // for at most three minutes), and the holds it started ended, with the answers to them out
        long drainStart = System.currentTimeMillis();
        long holdsEnded = drainStart + settings.claimWindow.toMillis() + 5_000;
        long giveUp = drainStart + 180_000;
        phase.catchUpSeconds = -1;
        while (System.currentTimeMillis() < holdsEnded || (watch.undecided() > 0 && System.currentTimeMillis() < giveUp)) {
            if (phase.catchUpSeconds < 0 && watch.undecided() == 0) {
                phase.catchUpSeconds = (System.currentTimeMillis() - drainStart) / 1000.0;
            }
            OpenLoop.publishAnswers(load, watch, System.currentTimeMillis());
            LockSupport.parkNanos(5_000_000);
        }
        if (phase.catchUpSeconds < 0 && watch.undecided() == 0) {
            phase.catchUpSeconds = (System.currentTimeMillis() - drainStart) / 1000.0;
        }
        phase.undecidedAfterDrain = watch.undecided();
        load.collectAcknowledgements(false);
    }

    /** CPU seconds so far of the job, nats-server, PostgreSQL and this load generator. */
    private static double[] cpu(JobProcess job) {
        return new double[] {job.cpuSeconds(), ProcessCpu.ofCommand("nats-server"), ProcessCpu.ofCommand("postgres"),
            ProcessCpu.ofPid(ProcessHandle.current().pid())};
    }
}
