package id.pahlawanpangan.time;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
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
 * <p><b>Time advances when inputs are quiet.</b> When enabled (live input), a stream that has
 * delivered nothing for {@code idleAfter} stops holding the watermark back at its last event:
 * it follows the producers' clock as extrapolated from the newest event of any stream, (its event
 * time + wall time since it arrived − idleAfter − bound). So a silent stream never stalls the
 * others, and when every stream is silent, holds and expiries still fire within about
 * {@code idleAfter} of their due time. The extrapolation uses the events' own clock, not ours, so
 * clock skew between producers and the job does not make new events late; and it applies only
 * when that newest event was live (it arrived within {@code liveLag} of its event time), so that a
 * catch-up after a restart, whose events are old, never has its watermark pulled forward by the
 * wall clock. A stream (or a source) that has delivered nothing for {@code startupQuiet} since
 * the generator started is taken as quiet; with no event at all, time follows the wall clock. A
 * live source says when its stream held nothing to read at its start ({@link
 * InputType#SOURCE_CAUGHT_UP}): that stream is then quiet {@code idleAfter} later instead of
 * {@code startupQuiet}, so that after a restart an empty stream (claims, before any proposal)
 * holds decisions back for seconds, not for the whole start-up period.
 */
public final class InputWatermarks implements WatermarkGenerator<InputEvent> {
    private final long boundMs;
    private final Set<SourceStream> expected;
    private final QuietTime quiet;
    private final LongSupplier clock;

    private final Map<SourceStream, Long> latestPerStream = new EnumMap<>(SourceStream.class);
    private final Map<SourceStream, Long> lastArrivalPerStream = new EnumMap<>(SourceStream.class);
    private final long startedAt;
    /** The newest event time seen, and when (by the wall clock) the event carrying it arrived. */
    private long latestEventTime = Long.MIN_VALUE;
    private long latestArrival = Long.MIN_VALUE;
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
        long now = clock.getAsLong();
        if (event.type == InputType.SOURCE_CAUGHT_UP) {
            // nothing was waiting in the stream: silent from now on, as if its last event came now
            lastArrivalPerStream.putIfAbsent(event.stream, now);
            return;
        }
        latestPerStream.merge(event.stream, eventTimestamp, Math::max);
        lastArrivalPerStream.put(event.stream, now);
        if (eventTimestamp >= latestEventTime) {
            latestEventTime = eventTimestamp;
            latestArrival = now;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.getAsLong();
        long producersClock = quietWatermark(now);
        long watermark = Long.MAX_VALUE;
        for (SourceStream s : expected) {
            Long latest = latestPerStream.get(s);
            long fromEvents = latest == null ? Long.MIN_VALUE : latest - boundMs - 1;
            watermark = Math.min(watermark, isQuiet(s, now) ? Math.max(fromEvents, producersClock) : fromEvents);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    private boolean isQuiet(SourceStream s, long now) {
        if (quiet == null) {
            return false;
        }
        Long lastArrival = lastArrivalPerStream.get(s);
        return lastArrival == null ? now - startedAt >= quiet.startupQuietMs : now - lastArrival >= quiet.idleAfterMs;
    }

    /** The watermark a quiet stream may follow: the producers' clock, when it can be trusted. */
    private long quietWatermark(long now) {
        if (quiet == null) {
            return Long.MIN_VALUE;
        }
        if (latestArrival == Long.MIN_VALUE) {
            // no event yet: the wall clock, once every stream is quiet
            boolean allQuiet = expected.stream().allMatch(s -> isQuiet(s, now));
            return allQuiet ? now - quiet.idleAfterMs - boundMs - 1 : Long.MIN_VALUE;
        }
        if (latestArrival - latestEventTime > quiet.liveLagMs) {
            return Long.MIN_VALUE; // a catch-up: only the events move time
        }
        return latestEventTime + (now - latestArrival) - quiet.idleAfterMs - boundMs - 1;
    }
}
