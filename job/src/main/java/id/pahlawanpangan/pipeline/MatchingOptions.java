package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.geo.CellGrid;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Every setting of the job, typed, with its default, in one place. They are read from the Flink
 * configuration, so they can be set in {@code config.yaml}, with {@code -D} on {@code flink run},
 * or with {@code --set key=value} on the command line.
 */
public final class MatchingOptions {
    public static final ConfigOption<Duration> CLAIM_WINDOW = ConfigOptions.key("match.claim-window")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("How long the proposed NGO holds an exclusive claim window.");

    public static final ConfigOption<Integer> MAX_PROPOSALS = ConfigOptions.key("match.max-proposals")
            .intType().defaultValue(3)
            .withDescription("The proposal whose end without a claim escalates the offer to a dispatcher.");

    public static final ConfigOption<Duration> ESCALATE_BEFORE_EXPIRY = ConfigOptions.key("match.escalate-before-expiry")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("An offer still not claimed this long before it expires is escalated.");

    public static final ConfigOption<Double> EXTENDED_RADIUS_FACTOR = ConfigOptions.key("match.extended-radius-factor")
            .doubleType().defaultValue(1.5)
            .withDescription("Tier 2 reaches this multiple of an NGO's radius.");

    public static final ConfigOption<Duration> CLOSED_RETENTION = ConfigOptions.key("match.closed-retention")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("How long a closed offer is remembered (claims get offer_closed, then unknown_offer).");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofMillis(500))
            .withDescription("Events later than this behind their stream are applied out of order (and counted).");

    public static final ConfigOption<Duration> PROGRESS_INTERVAL = ConfigOptions.key("watermark.progress-interval")
            .durationType().defaultValue(Duration.ofMillis(100))
            .withDescription("Live input only: how often each source asks its stream whether it has read it to the end;"
                    + " a stream read to its end stops holding event time back.");

    public static final ConfigOption<Duration> IDLE_AFTER = ConfigOptions.key("watermark.idle-after")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("Live input only: a stream whose source has said nothing (no message, no progress report) for"
                    + " this long, which happens only when it cannot reach its stream, stops holding back the others.");

    public static final ConfigOption<Integer> CELL_LEVEL = ConfigOptions.key("geo.cell-level")
            .intType().defaultValue(10)
            .withDescription("S2 level of the shard cells (10: about 80 km2). Fixed for the life of a job's state.");

    public static final ConfigOption<Integer> MAX_PAYLOAD_BYTES = ConfigOptions.key("input.max-payload-bytes")
            .intType().defaultValue(16 * 1024)
            .withDescription("Input payloads larger than this are rejected (payload_too_large).");

    public static final ConfigOption<Duration> MAX_CLOCK_SKEW = ConfigOptions.key("input.max-clock-skew")
            .durationType().defaultValue(Duration.ofMillis(InputParser.DEFAULT_MAX_CLOCK_SKEW_MS))
            .withDescription("Input whose event_time lies further than this ahead of its receive time is rejected (event_time_in_future).");

    /** Shard cells finer than this would copy an NGO's 75 km disk to tens of thousands of cells. */
    static final int FINEST_CELL_LEVEL = 13;
    /** Coarser than this, a single cell would hold a whole province's offers. */
    static final int COARSEST_CELL_LEVEL = 6;

    private MatchingOptions() {}

    /** The shard cells, at a level that is checked. */
    public static CellGrid cellGrid(ReadableConfig config) {
        int level = config.get(CELL_LEVEL);
        if (level < COARSEST_CELL_LEVEL || level > FINEST_CELL_LEVEL) {
            throw new IllegalArgumentException("geo.cell-level must be within " + COARSEST_CELL_LEVEL + ".." + FINEST_CELL_LEVEL + ", was " + level);
        }
        return new CellGrid(level);
    }

    /** The contract's settings, checked. */
    public static MatchPolicy policy(ReadableConfig config) {
        return new MatchPolicy(
                config.get(CLAIM_WINDOW),
                config.get(MAX_PROPOSALS),
                config.get(ESCALATE_BEFORE_EXPIRY),
                config.get(EXTENDED_RADIUS_FACTOR),
                config.get(CLOSED_RETENTION));
    }

    /** The input parser with the configured limits. */
    public static InputParser parser(ReadableConfig config) {
        return new InputParser(config.get(MAX_PAYLOAD_BYTES), config.get(MAX_CLOCK_SKEW).toMillis());
    }
}
