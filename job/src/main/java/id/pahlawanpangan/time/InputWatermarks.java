package id.pahlawanpangan.time;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.SourceStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event-time watermarks for the input streams, with two properties the contract asks for.
 *
 * <p><b>Bounded out-of-orderness per stream.</b> The watermark is the smallest, over the
 * expected streams, of (latest event time − bound). One generator may see several streams (a
 * replay file holds all three): tracking them apart makes the watermark, and so which events are
 * late, independent of how the streams are interleaved. A stream not seen yet holds the
 * watermark back, so none of its events can be late.
 *
 * <p><b>Time advances when inputs are quiet.</b> When enabled (live input), once no event has
 * arrived for {@code idleAfter}, the watermark follows the producers' clock as extrapolated from
 * the last event: (latest event time + wall time since it arrived − idleAfter − bound). Holds and
 * expiries then fire within about {@code idleAfter} of their due time. The extrapolation uses the
 * events' own clock, not ours, so clock skew between producers and the job does not make new
 * events late; and it applies only when the last event was live (it arrived within
 * {@code liveLag} of its event time), so that a catch-up after a restart, whose events are old,
 * never has its watermark pulled forward by the wall clock. A source that has delivered nothing
 * for {@code startupQuiet} since it started is taken as quiet and follows the wall clock.
 */
public final class InputWatermarks implements WatermarkGenerator<InputEvent> {
    private final long boundMs;
    private final Set<SourceStream> expected;
    private final QuietTime quiet;
    private final LongSupplier clock;

    private final Map<SourceStream, Long> latestPerStream = new EnumMap<>(SourceStream.class);
    private final long startedAt;
    private long latestEventTime = Long.MIN_VALUE;
    private long lastArrival = Long.MIN_VALUE;
    private long lastArrivalLag;
    private long emitted = Long.MIN_VALUE;

    /** Settings for advancing time when inputs are quiet; null disables it (replay). */
    public static final class QuietTime implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final long idleAfterMs;
        final long liveLagMs;
        final long startupQuietMs;

        public QuietTime(long idleAfterMs, long liveLagMs, long startupQuietMs) {
            this.idleAfterMs = idleAfterMs;
            this.liveLagMs = liveLagMs;
            this.startupQuietMs = startupQuietMs;
        }
    }

    public InputWatermarks(long boundMs, Set<SourceStream> expected, QuietTime quiet, LongSupplier clock) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("at least one input stream must be expected");
        }
        this.boundMs = boundMs;
        this.expected = EnumSet.copyOf(expected);
        this.quiet = quiet;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
    }

    @Override
    public void onEvent(InputEvent event, long eventTimestamp, WatermarkOutput output) {
        latestPerStream.merge(event.stream, eventTimestamp, Math::max);
        latestEventTime = Math.max(latestEventTime, eventTimestamp);
        lastArrival = clock.getAsLong();
        lastArrivalLag = lastArrival - eventTimestamp;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = Math.max(fromEvents(), fromQuietTime());
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    private long fromEvents() {
        long min = Long.MAX_VALUE;
        for (SourceStream s : expected) {
            Long latest = latestPerStream.get(s);
            if (latest == null) {
                return Long.MIN_VALUE;
            }
            min = Math.min(min, latest - boundMs - 1);
        }
        return min;
    }

    private long fromQuietTime() {
        if (quiet == null) {
            return Long.MIN_VALUE;
        }
        long now = clock.getAsLong();
        if (lastArrival == Long.MIN_VALUE) {
            return now - startedAt >= quiet.startupQuietMs ? now - quiet.idleAfterMs - boundMs - 1 : Long.MIN_VALUE;
        }
        long quietFor = now - lastArrival;
        if (quietFor < quiet.idleAfterMs || lastArrivalLag > quiet.liveLagMs) {
            return Long.MIN_VALUE;
        }
        return latestEventTime + quietFor - quiet.idleAfterMs - boundMs - 1;
    }
}
