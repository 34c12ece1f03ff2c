package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.operators.EventTypes;
import id.pahlawanpangan.pipeline.Replay;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Proposals with realistic fields and unique ids, for the sinks' benchmarks. */
final class SyntheticDecisions implements GeneratorFunction<Long, MatchEvent> {
    private static final long serialVersionUID = 1L;
    private final long base;

    private SyntheticDecisions(long base) {
        this.base = base;
    }

    /**
     * An embedded cluster with the production settings (RocksDB, checkpoints every 10 s): the
     * sinks commit at checkpoints, the last one after their input ends.
     */
    static StreamExecutionEnvironment environment(int parallelism) {
        Configuration config = new Configuration(Replay.defaults());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
    }

    /** {@code events} proposals, each once. */
    static DataStream<MatchEvent> stream(StreamExecutionEnvironment env, long events) {
        DataGeneratorSource<MatchEvent> source = new DataGeneratorSource<>(new SyntheticDecisions(System.currentTimeMillis()),
                events, RateLimiterStrategy.noOp(), EventTypes.MATCH_EVENT);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Synthetic decisions");
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
