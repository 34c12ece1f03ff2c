package id.pahlawanpangan.bench;

import id.pahlawanpangan.chaos.FlinkRest;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.events.SourceStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The memory soak: the live job (as {@link LiveBenchmark} runs it: a JVM of its own on the local
 * services) under one open-loop rate for a long while, its memory and state sampled at fixed
 * intervals. Offers keep a couple of minutes and most are claimed and picked up, and the job forgets
 * closed offers a minute later, so that in a steady state the job holds about as many offers as are
 * open: if the heap after a full collection, RocksDB on disk or the checkpoint grows with the time
 * run instead, state leaks.
 */
public final class Soak {
    /** What to run. */
    public static final class Settings {
        public int rate = 1000;
        public Duration duration = Duration.ofMinutes(10);
        public Duration sampleEvery = Duration.ofSeconds(30);
        /** Samples before this are not judged; null: until the first offers could have closed and been forgotten. */
        public Duration warmUp;
        /** How long each offer keeps: it closes by then (expired, if nobody took it). */
        public Duration shelfLife = Duration.ofMinutes(2);
        /** bench-live's: holds end within seconds. */
        public Duration claimWindow = Duration.ofSeconds(10);
        public Duration escalateBeforeExpiry = Duration.ofSeconds(30);
        /** How long the job remembers a closed offer (a tombstone). */
        public Duration closedRetention = Duration.ofMinutes(1);
        public int ngos = 1000;
        public int parallelism = 2;
        public long seed = 7;
        public Path workDir = Path.of("target", "soak");
        /** Flat: the last third's mean at most this many times the first third's. */
        public double flatFactor = 1.25;
        /** The job keeps up while its event time is at most this far behind the clock (it is about a second when it does). */
        public Duration keptUpWithin = Duration.ofSeconds(10);

        /** Until offers close and are forgotten, at most a third of the run. */
        public Duration effectiveWarmUp() {
            Duration w = warmUp != null ? warmUp : shelfLife.plus(closedRetention);
            Duration third = duration.dividedBy(3);
            return w.compareTo(third) > 0 && warmUp == null ? third : w;
        }
    }

    /** A run: its settings, samples and verdicts. */
    public static final class Run {
        final Settings settings;
        final Map<String, String> jobSettings;
        final List<SoakSample> samples;
        final long generatorBehindMs;
        final long offersPosted;
        /** Offers closed during the run, by how ({@code offer.completed}, {@code offer.expired}, ...). */
        final Map<OutputType, Long> closed;

        Run(Settings settings, Map<String, String> jobSettings, List<SoakSample> samples, long generatorBehindMs, long offersPosted,
            Map<OutputType, Long> closed) {
            this.settings = settings;
            this.jobSettings = jobSettings;
            this.samples = samples;
            this.generatorBehindMs = generatorBehindMs;
            this.offersPosted = offersPosted;
            this.closed = closed;
        }

        /** Whether the job's event time stayed within {@link Settings#keptUpWithin} of the clock after warm-up. */
        boolean keptUp() {
            double warmUp = settings.effectiveWarmUp().toMillis() / 60_000.0;
            return samples.stream().filter(s -> s.minutes >= warmUp)
                    .allMatch(s -> s.eventTimeBehindMs >= 0 && s.eventTimeBehindMs <= settings.keptUpWithin.toMillis());
        }

        List<SoakVerdict> verdicts() {
            double[] minutes = samples.stream().mapToDouble(s -> s.minutes).toArray();
            double warmUp = settings.effectiveWarmUp().toMillis() / 60_000.0;
            return List.of(
                    SoakVerdict.of("heap after full GC", minutes, samples.stream().mapToDouble(SoakSample::heapMb).toArray(), warmUp,
                            settings.flatFactor),
                    SoakVerdict.of("RocksDB on disk", minutes, samples.stream().mapToDouble(SoakSample::rocksDbMb).toArray(), warmUp,
                            settings.flatFactor),
                    SoakVerdict.of("checkpoint state size", minutes, samples.stream().mapToDouble(SoakSample::checkpointMb).toArray(),
                            warmUp, settings.flatFactor));
        }
    }

    /**
     * NGOs answer as in bench-live (half accept within 3 s, a tenth decline, the rest let the hold
     * run out) and come for nine in ten of what they claimed within 20 s; the rest is missed.
     */
    static final DecisionWatch.Answering ANSWERING = new DecisionWatch.Answering(0.5, 0.1, 3_000, 0.9, 20_000);
    private static final String DATABASE = "pangan_soak";

    private final Settings settings;
    private final NatsConnection nats;
    private final PostgisConnection postgisServer;
    private final String jobUser;

    public Soak(Settings settings, NatsConnection nats, PostgisConnection postgisServer, String jobUser) {
        this.settings = settings;
        this.nats = nats;
        this.postgisServer = postgisServer;
        this.jobUser = jobUser;
    }

    public Run run(Map<String, String> extraJobSettings) throws Exception {
        Map<String, String> jobSettings = new LinkedHashMap<>();
        jobSettings.put("match.claim-window", settings.claimWindow.toMillis() + " ms");
        jobSettings.put("match.escalate-before-expiry", settings.escalateBeforeExpiry.toMillis() + " ms");
        jobSettings.put("match.closed-retention", settings.closedRetention.toMillis() + " ms");
        jobSettings.putAll(extraJobSettings);
        // the embedded cluster's REST API (checkpoints) listens on a random port unless told one
        int restPort = freePort();
        Map<String, String> started = new LinkedHashMap<>(jobSettings);
        started.put("rest.bind-port", Integer.toString(restPort));
        LiveRig.Site site = new LiveRig.Site("soak", "soak", DATABASE, settings.workDir, nats, postgisServer, jobUser);
        String label = settings.rate + " offers/s for " + settings.duration.toSeconds() + " s";
        List<SoakSample> samples = Collections.synchronizedList(new ArrayList<>());
        OpenLoop loop;
        Map<OutputType, Long> closed;
        String namespace = null;
        try (LiveRig rig = LiveRig.start(site, label, started, settings.parallelism, settings.ngos, settings.seed)) {
            namespace = rig.subjects.namespace();
            rig.load.keepOffersFor(settings.shelfLife);
            rig.watch.answering(ANSWERING);
            FlinkRest rest = FlinkRest.at(restPort);
            String jobId = rest.jobId();
            if (jobId == null) {
                throw new IllegalStateException("the job's REST API does not answer on port " + restPort + "; see " + rig.log);
            }
            System.out.printf("soak: job %s, REST on port %d, process %d; %s, a sample every %d s (warm-up %d s)%n", jobId, restPort,
                    rig.job.pid(), label, settings.sampleEvery.toSeconds(), settings.effectiveWarmUp().toSeconds());
            System.out.println(SoakReport.progressHeader());
            loop = drive(rig, new Sampler(rig, rest, jobId, samples));
            // the last interval's offers get their first proposals; the figures above are taken
            long drainEnd = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < drainEnd) {
                OpenLoop.publishAnswers(rig.load, rig.watch, System.currentTimeMillis());
                LockSupport.parkNanos(5_000_000);
            }
            closed = rig.watch.closed();
            rig.checkJobAlive();
            rig.checkAcknowledged();
        } finally {
            if (namespace != null) {
                deleteSnapshots(site, namespace);
            }
        }
        List<SoakSample> inOrder = new ArrayList<>(samples);
        inOrder.sort(Comparator.comparingDouble(s -> s.minutes)); // a slow sample may finish after the next
        return new Run(settings, jobSettings, inOrder, loop.behindMs(), loop.posted(), closed);
    }

    /** The open loop for the whole run on this thread; the samples on another, so that a slow one does not hold offers back. */
    private OpenLoop drive(LiveRig rig, Sampler sampler) throws Exception {
        long start = System.currentTimeMillis();
        long every = settings.sampleEvery.toMillis();
        long end = start + settings.duration.toMillis();
        int intervals = (int) Math.max(1, (settings.duration.toMillis() + every - 1) / every);
        double snapshotsPerSecond = settings.ngos / 300.0; // each NGO about every five minutes, as in bench-live
        OpenLoop loop = new OpenLoop(rig.load, rig.watch, settings.rate, 0, snapshotsPerSecond, start);
        SoakSample[] byInterval = new SoakSample[intervals];
        for (int i = 0; i < intervals; i++) {
            byInterval[i] = new SoakSample();
        }
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "soak-sampler");
            t.setDaemon(true);
            return t;
        });
        boolean completed = false;
        try {
            sampler.begin(start, loop, byInterval);
            executor.scheduleAtFixedRate(sampler::watchLag, 1_000, 1_000, TimeUnit.MILLISECONDS);
            for (int i = 0; i < intervals; i++) {
                int interval = i;
                long at = Math.min(end, start + (i + 1) * every);
                executor.schedule(() -> sampler.sample(interval), at - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            }
            while (true) {
                long now = System.currentTimeMillis();
                if (now >= end) {
                    break;
                }
                if (sampler.failure != null) {
                    throw new IllegalStateException("a sample failed", sampler.failure);
                }
                rig.checkJobAlive();
                SoakSample current = byInterval[(int) Math.min(intervals - 1, (now - start) / every)];
                long due = loop.step(now, (offer, index) -> rig.watch.posted(offer.offerId, offer.publishedAt, current.latencies));
                OpenLoop.pause(due);
            }
            completed = true;
        } finally {
            if (completed) {
                // the last sample is due at the end: let it finish (the lag watch stops now)
                executor.shutdown();
                executor.awaitTermination(3, TimeUnit.MINUTES);
            } else {
                executor.shutdownNow();
            }
        }
        if (sampler.failure != null) {
            throw new IllegalStateException("a sample failed", sampler.failure);
        }
        return loop;
    }

    /** Takes the samples: the job's heap, RocksDB, checkpoint, the offers open, the lag. */
    private final class Sampler {
        private final LiveRig rig;
        private final FlinkRest rest;
        private final String jobId;
        private final List<SoakSample> samples;
        private final List<Path> tmpDirs;
        private long start;
        private OpenLoop loop;
        private SoakSample[] byInterval;
        private double cpuBefore;
        private long lagMax = -1;
        volatile Throwable failure;

        Sampler(LiveRig rig, FlinkRest rest, String jobId, List<SoakSample> samples) {
            this.rig = rig;
            this.rest = rest;
            this.jobId = jobId;
            this.samples = samples;
            // the job runs on this JVM's options: its io.tmp.dirs default is the same java.io.tmpdir
            this.tmpDirs = Arrays.stream(System.getProperty("java.io.tmpdir").split(",")).map(Path::of).toList();
        }

        void begin(long start, OpenLoop loop, SoakSample[] byInterval) {
            this.start = start;
            this.loop = loop;
            this.byInterval = byInterval;
            this.cpuBefore = rig.job.cpuSeconds();
        }

        synchronized void watchLag() {
            try {
                lagMax = Math.max(lagMax, inputLag());
            } catch (Exception e) {
                // one missed second; the sample's own reading still counts
            }
        }

        /**
         * The clock minus the least watermark of the job's operators. The REST API answers metrics
         * from a cache that a request refreshes in the background (at most every 10 s,
         * {@code metrics.fetcher.update-interval}): the first reading asks for fresh figures, the
         * second, a second later, reads them.
         */
        private long eventTimeBehind() throws InterruptedException {
            long asked = System.currentTimeMillis();
            rest.minInputWatermark(jobId);
            Thread.sleep(1_000);
            long watermark = rest.minInputWatermark(jobId);
            return watermark > 0 ? asked - watermark : -1;
        }

        private long inputLag() throws Exception {
            long lag = 0;
            for (SourceStream s : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
                lag += rig.pending(s);
            }
            return lag;
        }

        void sample(int interval) {
            try {
                SoakSample s = byInterval[interval];
                long now = System.currentTimeMillis();
                s.minutes = (now - start) / 60_000.0;
                s.offersPosted = loop.posted();
                s.offersOpen = rig.watch.open();
                s.awaitingFirstDecision = rig.watch.undecided();
                s.eventTimeBehindMs = eventTimeBehind();
                s.loadAverage = loadAverage();
                double cpu = rig.job.cpuSeconds();
                s.jobCpuPercent = 100 * (cpu - cpuBefore) / (settings.sampleEvery.toMillis() / 1000.0);
                cpuBefore = cpu;
                s.inputLag = inputLag();
                synchronized (this) {
                    s.inputLagMax = Math.max(lagMax, s.inputLag);
                    lagMax = -1;
                }
                s.checkpoint = rest.latestCheckpoint(jobId);
                RocksDbFootprint.Size rocks = RocksDbFootprint.of(tmpDirs, jobId);
                s.rocksDbBytes = rocks.instances() > 0 ? rocks.bytes() : -1;
                s.rocksDbInstances = rocks.instances();
                s.rssBytes = residentBytes(rig.job.pid());
                // last: the full collection pauses the job, and the figures above should not see that pause
                s.heapAfterGcBytes = HeapAfterGc.bytes(rig.job.pid());
                samples.add(s);
                System.out.println(SoakReport.progressLine(s));
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The run's checkpoints and its final savepoint (in its namespace's directories): hundreds of MB that nothing resumes from. */
    private static void deleteSnapshots(LiveRig.Site site, String namespace) {
        for (String dir : List.of("checkpoints", "savepoints")) {
            Path root = site.workDir().resolve(dir).resolve(namespace);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("soak: could not delete " + root + ": " + e.getMessage());
            }
        }
    }
}
