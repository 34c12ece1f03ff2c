package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.connectors.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks of {@code bin/pangan bench}, each a part that can be run alone ({@code --only}),
 * in this order: the engine's bound (a minimal keyed lifecycle), the engine over a day, its cost
 * as NGOs grow, a hot spot against a uniform day, the whole replay with its file output, and
 * each sink alone (these two need the services). A failing part is reported and the others run.
 */
public final class Benchmarks {
    /** What to run, and how big. Defaults: the throughput issue's sizes. */
    public static final class Settings {
        public Set<String> only = Set.copyOf(PARTS);
        public int parallelism = 2;
        /** Runs of each engine measurement, of which the fastest is kept. */
        public int repeat = 1;
        public EngineProbe.Settings probe = new EngineProbe.Settings();
        public int engineOffers = 60_000;
        public int engineNgos = 3_000;
        public int scalingOffers = 20_000;
        public List<Integer> ngoCounts = List.of(1_500, 10_000, 50_000);
        public int hotspotOffers = 20_000;
        public int hotspotNgos = 1_500;
        public double hotspotShare = 0.5;
        public int replayOffers = 20_000;
        public long sinkEvents = 200_000;
        public Path daysDir = Path.of("target", "bench", "days");
        /** NGO counts the peers are loaded with, how long and with how many clients each looks up. */
        public List<Integer> peerNgos = List.of(1_500, 10_000, 50_000);
        public Duration peerDuration = Duration.ofSeconds(30);
        public int peerClients = 2;
        /** host:port of the Redis peer's server. */
        public String redis = "127.0.0.1:6379";
    }

    public static final String PROBE = "probe";
    public static final String ENGINE = "engine";
    public static final String NGOS = "ngos";
    public static final String HOTSPOT = "hotspot";
    public static final String REPLAY = "replay";
    public static final String POSTGIS = "postgis";
    public static final String JETSTREAM = "jetstream";
    public static final String PEERS = "peers";
    public static final List<String> PARTS = List.of(PROBE, ENGINE, NGOS, HOTSPOT, REPLAY, POSTGIS, JETSTREAM, PEERS);

    /** One part: it adds its measurements to the results. */
    private interface Part {
        void run(BenchResults results) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Benchmarks.class);
    /** The small day the engine runs once, unmeasured, before the first day it measures. */
    private static final int WARM_UP_OFFERS = 2_000;
    private static final int WARM_UP_NGOS = 200;

    private final Settings settings;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final BenchDays days;
    private final EngineReplay engine;
    private boolean engineWarm;

    /** The services are asked for only by the parts that use them. */
    public Benchmarks(Settings settings, Supplier<NatsConnection> nats, Supplier<PostgisConnection> postgisAdmin) {
        if (settings.repeat < 1) {
            throw new IllegalArgumentException("each measurement runs at least once, not " + settings.repeat + " times");
        }
        for (String name : settings.only) {
            if (!PARTS.contains(name)) {
                throw new IllegalArgumentException("no benchmark '" + name + "'; there are " + String.join(", ", PARTS));
            }
        }
        this.settings = settings;
        this.days = new BenchDays(settings.daysDir, EmbeddedRun.settings());
        this.engine = new EngineReplay(settings.parallelism);
        parts.put(PROBE, this::probe);
        parts.put(ENGINE, r -> {
            r.engine = fastest(List.of(new NamedDay("engine", days.day(settings.engineOffers, settings.engineNgos, 0)))).get(0);
            r.add(r.engine);
        });
        parts.put(NGOS, this::ngoScaling);
        parts.put(HOTSPOT, this::hotSpot);
        parts.put(REPLAY, r -> {
            BenchDay day = days.day(settings.replayOffers, Math.max(100, settings.replayOffers / 13), 0);
            r.add(new FileReplayBenchmark().run(day, 1));
            r.add(new FileReplayBenchmark().run(day, 2));
        });
        parts.put(POSTGIS, r -> r.add(new PostgisSinkBenchmark(postgisAdmin.get()).run(settings.sinkEvents, settings.parallelism)));
        parts.put(JETSTREAM, r -> r.add(new JetStreamSinkBenchmark(nats.get()).run(settings.sinkEvents, settings.parallelism)));
        parts.put(PEERS, r -> peers(r, postgisAdmin.get()));
    }

    public BenchResults run() {
        BenchResults results = new BenchResults();
        for (Map.Entry<String, Part> part : parts.entrySet()) {
            if (!settings.only.contains(part.getKey())) {
                continue;
            }
            try {
                part.getValue().run(results);
            } catch (Exception | LinkageError e) {
                LOG.error("bench: {} failed", part.getKey(), e);
                results.failures.add(part.getKey() + ": " + e);
            }
        }
        return results;
    }

    /**
     * The engine, after one unmeasured run over a small day: the first measured day would
     * otherwise pay alone for loading and compiling the job's code.
     */
    private EngineReplay engine() throws Exception {
        if (!engineWarm) {
            System.err.println("bench: warming up the engine");
            engine.run("warm-up", days.day(WARM_UP_OFFERS, WARM_UP_NGOS, 0));
            engineWarm = true;
        }
        return engine;
    }

    private void probe(BenchResults results) throws Exception {
        EngineProbe probe = new EngineProbe(settings.probe);
        System.err.println("bench: warming up the probe");
        probe.warmUp();
        Measurement fastest = null;
        for (int round = 1; round <= settings.repeat; round++) {
            Measurement m = probe.run();
            if (settings.repeat > 1) {
                BenchResults.progress(m, String.format(", run %d of %d", round, settings.repeat));
            }
            if (fastest == null || m.wallSeconds() < fastest.wallSeconds()) {
                fastest = m;
            }
        }
        results.probe = settings.repeat == 1 ? fastest : fastest.fastestOf(settings.repeat);
        results.add(results.probe);
    }

    /** The same offers with more and more NGOs: the cost per input event as cells hold more NGOs. */
    private void ngoScaling(BenchResults results) throws Exception {
        List<NamedDay> series = new ArrayList<>();
        for (int ngos : settings.ngoCounts) {
            series.add(new NamedDay(String.format("engine, %,d NGOs", ngos), days.day(settings.scalingOffers, ngos, 0)));
        }
        for (DayRun run : fastest(series)) {
            results.ngoScaling.add(run);
            results.add(run);
        }
    }

    /** A day with a hot spot, and the uniform day of the same size run just before it. */
    private void hotSpot(BenchResults results) throws Exception {
        List<DayRun> pair = fastest(List.of(
                new NamedDay("engine, uniform day", days.day(settings.hotspotOffers, settings.hotspotNgos, 0)),
                new NamedDay("engine, hot spot day", days.day(settings.hotspotOffers, settings.hotspotNgos, settings.hotspotShare))));
        results.uniform = pair.get(0);
        results.add(results.uniform);
        results.hotSpot = pair.get(1);
        results.add(results.hotSpot);
    }

    /** Two other designs' candidate lookup alone, at each NGO count: what the engine's rows can be read against. */
    private void peers(BenchResults results, PostgisConnection postgisAdmin) throws Exception {
        PostgisKnnPeer postgis = new PostgisKnnPeer(postgisAdmin, Secret.fromEnvironmentOrFile("PANGAN_PG_ADMIN_PASSWORD"),
                settings.peerDuration, settings.peerClients);
        RedisGeoPeer redis = new RedisGeoPeer(settings.redis, settings.peerDuration, settings.peerClients);
        for (int ngos : settings.peerNgos) {
            PeerWorkload workload = PeerWorkload.of(ngos);
            for (PeerResult peer : List.of(postgis.lookups(workload), redis.lookups(workload))) {
                results.add(peer.row());
                results.notes.add(peer.check());
            }
        }
    }

    /** A day and the name of its row. */
    private record NamedDay(String benchmark, BenchDay day) {}

    /**
     * Replays each day {@link Settings#repeat} times, in rounds (every day once, then every day
     * again), and keeps each day's fastest run: other work on the machine only ever slows a run
     * down, and in rounds the days set against each other meet the same spells of it.
     */
    private List<DayRun> fastest(List<NamedDay> named) throws Exception {
        EngineReplay engine = engine();
        DayRun[] fastest = new DayRun[named.size()];
        for (int round = 1; round <= settings.repeat; round++) {
            for (int i = 0; i < named.size(); i++) {
                DayRun run = engine.run(named.get(i).benchmark(), named.get(i).day());
                if (settings.repeat > 1) {
                    BenchResults.progress(run.measurement(), String.format(", run %d of %d", round, settings.repeat));
                }
                if (fastest[i] == null || run.measurement().wallSeconds() < fastest[i].measurement().wallSeconds()) {
                    fastest[i] = run;
                }
            }
        }
        List<DayRun> runs = new ArrayList<>();
        for (DayRun run : fastest) {
            runs.add(settings.repeat == 1 ? run : run.fastestOf(settings.repeat));
        }
        return runs;
    }
}
