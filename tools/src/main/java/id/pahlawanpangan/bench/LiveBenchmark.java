package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.db.Roles;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.live.PanganStreams;
import id.pahlawanpangan.live.StreamLimits;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.workload.LiveLoad;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
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
        Files.createDirectories(settings.workDir);
        Subjects subjects = new Subjects("bench" + Long.toString(System.currentTimeMillis() / 1000, 36));
        PostgisConnection db = freshDatabase();
        Map<String, String> jobSettings = new LinkedHashMap<>();
        jobSettings.put("match.claim-window", settings.claimWindow.toMillis() + " ms");
        jobSettings.putAll(extraJobSettings);
        Map<String, String> all = new LinkedHashMap<>(jobSettings);
        all.put("nats.namespace", subjects.namespace());
        String work = settings.workDir.toAbsolutePath().toUri().toString();
        all.put("execution.checkpointing.dir", work + "checkpoints");
        all.put("execution.checkpointing.savepoint-dir", work + "savepoints");
        Path log = settings.workDir.resolve("job-" + subjects.namespace() + ".log");
        System.out.printf("bench-live: %s: starting the job (log %s)%n", label, log);

        try (Connection connection = nats.connect("pangan-bench-live");
             JobProcess job = JobProcess.start(settings.parallelism, all, Map.of("PANGAN_PG_URL", db.url(), "PANGAN_PG_USER", jobUser), log);
             DecisionWatch watch = new DecisionWatch(connection, subjects.outputs());
             PostgisProbe probe = new PostgisProbe(db)) {
            PanganStreams.ensureAll(connection, subjects, StreamLimits.defaults());
            LiveLoad load = new LiveLoad(connection.jetStream(), subjects, settings.ngos, settings.seed);
            load.publishAllNgos();
            awaitJobRunning(job, db, log);
            JetStreamManagement jsm = connection.jetStreamManagement();
            String offers = subjects.inputStream(SourceStream.OFFERS);
            for (LivePhase phase : phases) {
                System.out.printf("bench-live: %s: %s ...%n", label, phase.name);
                runPhase(phase, load, watch, probe, job, () -> offersPending(jsm, offers));
                if (!job.isAlive()) {
                    throw new IllegalStateException("the job process ended; see " + log);
                }
            }
            load.collectAcknowledgements(true);
            if (load.failed() > 0) {
                throw new IllegalStateException(load.failed() + " of " + load.published() + " publishes were not acknowledged");
            }
        } finally {
            deleteStreams(subjects);
        }
        return new Run(label, jobSettings, phases);
    }

    private interface Lag {
        long get() throws Exception;
    }

    private void runPhase(LivePhase phase, LiveLoad load, DecisionWatch watch, PostgisProbe probe, JobProcess job, Lag lag) throws Exception {
        watch.answering(phase.answering);
        watch.currentPhase(phase.latencies);
        long firstDecisionsBefore = watch.firstDecisions();
        int sampleEvery = Math.max(1, phase.offersPerSecond / 20);
        phase.lagMax = lag.get();
        double[] cpu = cpu(job);
        long start = System.currentTimeMillis();
        long end = start + phase.duration.toMillis();
        long nextLagSample = start + 1_000;
        long nextSnapshot = start;
        long posted = 0;
        while (true) {
            long now = System.currentTimeMillis();
            boolean allPosted = phase.maxOffers > 0 && posted >= phase.maxOffers;
            if (now >= end || allPosted) {
                break;
            }
            // open loop: every offer that is due goes out now, however the job is doing
            long due = start + (long) (posted * 1000.0 / phase.offersPerSecond);
            while (due <= now && !(phase.maxOffers > 0 && posted >= phase.maxOffers)) {
                phase.generatorBehindMs = Math.max(phase.generatorBehindMs, now - due);
                LiveLoad.PostedOffer offer = load.postOffer();
                watch.posted(offer.offerId, offer.publishedAt, phase.latencies);
                if (posted % sampleEvery == 0) {
                    probe.watch(offer.offerId, offer.publishedAt, phase.latencies.postgisVisible);
                }
                posted++;
                due = start + (long) (posted * 1000.0 / phase.offersPerSecond);
            }
            publishAnswers(load, watch, now);
            if (phase.ngoSnapshotsPerSecond > 0 && now >= nextSnapshot) {
                load.republishOneNgo();
                nextSnapshot = now + (long) (1000 / phase.ngoSnapshotsPerSecond);
            }
            if (now >= nextLagSample) {
                phase.lagMax = Math.max(phase.lagMax, lag.get());
                phase.undecidedMax = Math.max(phase.undecidedMax, watch.undecided());
                nextLagSample = now + 1_000;
            }
            LockSupport.parkNanos(Math.max(100_000, Math.min(due - System.currentTimeMillis(), 5) * 1_000_000));
        }
        phase.seconds = (System.currentTimeMillis() - start) / 1000.0;
        phase.offersPosted = posted;
        phase.firstDecisions = watch.firstDecisions() - firstDecisionsBefore;
        phase.undecidedAtEnd = watch.undecided();
        phase.undecidedMax = Math.max(phase.undecidedMax, phase.undecidedAtEnd);
        phase.lagMax = Math.max(phase.lagMax, lag.get());
        double[] after = cpu(job);
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
            publishAnswers(load, watch, System.currentTimeMillis());
            LockSupport.parkNanos(5_000_000);
        }
        if (phase.catchUpSeconds < 0 && watch.undecided() == 0) {
            phase.catchUpSeconds = (System.currentTimeMillis() - drainStart) / 1000.0;
        }
        phase.undecidedAfterDrain = watch.undecided();
        load.collectAcknowledgements(false);
    }

    private static void publishAnswers(LiveLoad load, DecisionWatch watch, long now) {
        DecisionWatch.Answer a;
        while ((a = watch.nextAnswerDue(now)) != null) {
            load.answer(a.offerId, a.ngoId, a.accept);
        }
    }

    /** CPU seconds so far of the job, nats-server, PostgreSQL and this load generator. */
    private static double[] cpu(JobProcess job) {
        return new double[] {job.cpuSeconds(), ProcessCpu.ofCommand("nats-server"), ProcessCpu.ofCommand("postgres"),
            ProcessCpu.ofPid(ProcessHandle.current().pid())};
    }

    /** Messages of the offers stream its consumer (the job's source) has not read yet. */
    private static long offersPending(JetStreamManagement jsm, String stream) throws Exception {
        long pending = 0;
        for (ConsumerInfo c : jsm.getConsumers(stream)) {
            pending += c.getNumPending();
        }
        return pending;
    }

    private static void awaitJobRunning(JobProcess job, PostgisConnection db, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!job.isAlive()) {
                throw new IllegalStateException("the job process ended while starting; see " + log);
            }
            try (var c = db.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from ngo_availability")) {
                r.next();
                if (r.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the job did not start within 3 minutes; see " + log);
    }

    private PostgisConnection freshDatabase() throws Exception {
        try (var admin = postgisServer.onDatabase("postgres").open(); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + DATABASE + " with (force)");
            st.execute("create database " + DATABASE);
        }
        PostgisConnection db = postgisServer.onDatabase(DATABASE);
        new Schema(db).migrate(null);
        Roles roles = new Roles(db);
        if (!roles.canLogInAs(jobUser, Roles.Role.JOB)) {
            roles.grantLogin(jobUser, Roles.Role.JOB, Secret.fromEnvironmentOrFile("PANGAN_PG_PASSWORD"));
        }
        return db;
    }

    private void deleteStreams(Subjects subjects) {
        try (Connection c = nats.connect("pangan-bench-live-cleanup")) {
            for (StreamConfiguration s : PanganStreams.all(subjects, StreamLimits.defaults())) {
                try {
                    c.jetStreamManagement().deleteStream(s.getName());
                } catch (Exception e) {
                    // already gone
                }
            }
        } catch (Exception e) {
            System.err.println("bench-live: could not delete the streams of " + subjects.namespace() + ": " + e.getMessage());
        }
    }
}
