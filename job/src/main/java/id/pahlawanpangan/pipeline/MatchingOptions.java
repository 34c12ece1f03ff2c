package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.geo.CellGrid;
import id.pahlawanpangan.time.InputWatermarks;
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

    public static final ConfigOption<Duration> IDLE_AFTER = ConfigOptions.key("watermark.idle-after")
            .durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("After this long without input, event time follows the wall clock (live input only).");

    public static final ConfigOption<Duration> LIVE_LAG = ConfigOptions.key("watermark.live-lag")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("Input is live (not a catch-up) when it arrives within this long of its event time.");

    public static final ConfigOption<Duration> STARTUP_QUIET = ConfigOptions.key("watermark.startup-quiet")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("A source that delivers nothing this long after starting is taken as quiet.");

    public static final ConfigOption<Integer> CELL_LEVEL = ConfigOptions.key("geo.cell-level")
            .intType().defaultValue(10)
            .withDescription("S2 level of the shard cells (10: about 80 km2). Fixed for the life of a job's state.");

    public static final ConfigOption<Integer> MAX_PAYLOAD_BYTES = ConfigOptions.key("input.max-payload-bytes")
            .intType().defaultValue(16 * 1024)
            .withDescription("Input payloads larger than this are rejected (payload_too_large).");

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

    /** When and how event time advances while live input is quiet. */
    public static InputWatermarks.QuietTime quietTime(ReadableConfig config) {
        return new InputWatermarks.QuietTime(
                config.get(IDLE_AFTER).toMillis(), config.get(LIVE_LAG).toMillis(), config.get(STARTUP_QUIET).toMillis());
    }
}
