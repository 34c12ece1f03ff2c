package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.JetStreamSink;
import id.pahlawanpangan.connectors.nats.JetStreamStreams;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.live.LiveOutput;
import id.pahlawanpangan.operators.EventTypes;
import id.pahlawanpangan.pipeline.Replay;
import id.pahlawanpangan.workload.DayGenerator;
import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput of the job's parts on this machine, each on an embedded cluster with the
 * production settings (RocksDB, checkpoints every 10 s): the matching job over a generated day,
 * and each sink on its own with synthetic decisions. Prints one row per benchmark.
 */
public final class Benchmarks {
    /** One measured run. */
    public static final class Result {
        final String name;
        final long records;
        final double seconds;

        Result(String name, long records, double seconds) {
            this.name = name;
            this.records = records;
            this.seconds = seconds;
        }

        @Override
        public String toString() {
            return String.format("| %-58s | %10d | %8.1f | %10.0f |", name, records, seconds, records / seconds);
        }
    }

    private final NatsConnection nats;
    private final PostgisConnection postgisServer;

    public Benchmarks(NatsConnection nats, PostgisConnection postgisServer) {
        this.nats = nats;
        this.postgisServer = postgisServer;
    }

    public static String header() {
        return String.format("| %-58s | %10s | %8s | %10s |%n|%s|%s|%s|%s|", "benchmark", "records", "seconds", "records/s",
                "-".repeat(60), "-".repeat(12), "-".repeat(10), "-".repeat(12));
    }

    /** The whole matching job over a generated day, input events per second. */
    public Result replay(int offers, int parallelism) throws Exception {
        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = offers;
        s.ngos = Math.max(100, offers / 13);
        Path day = Files.createTempFile("pangan-bench-day", ".jsonl");
        try {
            List<String> lines = new DayGenerator(s).generate();
            Files.write(day, lines, StandardCharsets.UTF_8);
            Configuration config = new Configuration(Replay.defaults());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
            long start = System.nanoTime();
            Replay.run(env, config, day);
            return new Result("replay: matching job, RocksDB, parallelism " + parallelism, lines.size(), seconds(start));
        } finally {
            Files.deleteIfExists(day);
        }
    }

    /** The PostGIS sink alone: decisions into match_events, rows per second (all rows checked). */
    public Result postgisSink(long events, int parallelism) throws Exception {
        String database = "pangan_bench";
        try (var admin = postgisServer.onDatabase("postgres").open(); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
            st.execute("create database " + database);
        }
        PostgisConnection db = postgisServer.onDatabase(database);
        new Schema(db).migrate(null);
        StreamExecutionEnvironment env = environment(parallelism);
        decisions(env, events).sinkTo(LiveOutput.matchEventsSink(db)).name("PostGIS");
        long start = System.nanoTime();
        env.execute("bench postgis sink");
        double seconds = seconds(start);
        try (var c = db.open(); Statement st = c.createStatement(); ResultSet r = st.executeQuery("select count(*) from match_events")) {
            r.next();
            if (r.getLong(1) != events) {
                throw new IllegalStateException("expected " + events + " rows, found " + r.getLong(1));
            }
        }
        return new Result("PostGIS sink (idempotent inserts), parallelism " + parallelism, events, seconds);
    }

    /** The JetStream sink alone: decisions published exactly once, messages per second (all checked). */
    public Result jetStreamSink(long events, int parallelism) throws Exception {
        String stream = "PANGAN_BENCH_OUT";
        try (Connection c = nats.connect("pangan-bench")) {
            try {
                c.jetStreamManagement().deleteStream(stream);
            } catch (Exception e) {
                // not there yet
            }
            JetStreamStreams.ensure(c, StreamConfiguration.builder().name(stream).subjects("pangan-bench.out.>")
                    .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(15)).build());
            StreamExecutionEnvironment env = environment(parallelism);
            decisions(env, events).sinkTo(JetStreamSink.<MatchEvent>builder()
                    .connection(nats)
                    .serializer(e -> new JetStreamRecord("pangan-bench.out." + e.ngoId, e.eventId, Map.of(),
                            MatchEventJson.write(e).getBytes(StandardCharsets.UTF_8)))
                    .exactlyOnce()
                    .build()).name("JetStream");
            long start = System.nanoTime();
            env.execute("bench jetstream sink");
            double seconds = seconds(start);
            long stored = c.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
            c.jetStreamManagement().deleteStream(stream);
            if (stored != events) {
                throw new IllegalStateException("expected " + events + " messages, found " + stored);
            }
            return new Result("JetStream sink (async, acks at checkpoints), parallelism " + parallelism, events, seconds);
        }
    }

    private static StreamExecutionEnvironment environment(int parallelism) {
        Configuration config = new Configuration(Replay.defaults());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
    }

    private static DataStream<MatchEvent> decisions(StreamExecutionEnvironment env, long events) {
        DataGeneratorSource<MatchEvent> source = new DataGeneratorSource<>(new SyntheticDecisions(System.currentTimeMillis()),
                events, RateLimiterStrategy.noOp(), EventTypes.MATCH_EVENT);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Synthetic decisions");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Proposals with realistic fields and unique ids. */
    private static final class SyntheticDecisions implements GeneratorFunction<Long, MatchEvent> {
        private static final long serialVersionUID = 1L;
        private final long base;

        SyntheticDecisions(long base) {
            this.base = base;
        }

        @Override
        public MatchEvent map(Long i) {
            MatchEvent e = new MatchEvent();
            e.eventId = "bench-" + base + "-" + i;
            e.type = OutputType.OFFER_PROPOSED;
            e.offerId = "offer-" + i;
            e.at = base + i;
            e.ngoId = "ngo-" + (i % 997);
            e.attempt = 1;
            e.tier = 1;
            e.distanceKm = 1.0 + (i % 50) / 10.0;
            e.holdUntil = e.at + 600_000;
            e.lat = -6.2 + (i % 100) / 1000.0;
            e.lon = 106.85 + (i % 100) / 1000.0;
            e.quantityKg = 10.0;
            e.category = "cooked_meal";
            return e;
        }
    }
}
