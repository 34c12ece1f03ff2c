package id.pahlawanpangan.time;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.SourceStream;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event-time watermarks for the input streams, moved by what the sources know rather than by
 * what publishers claim.
 *
 * <p><b>Each stream has a read frontier</b>: a time before which it holds nothing more to
 * deliver. It is the latest receive time among the messages delivered so far (JetStream stores a
 * stream's messages in the order it receives them, and stamps each with its receive time), or
 * later, when the source reports that it had read its stream to the end as of some server time
 * ({@link InputType#SOURCE_CAUGHT_UP}). Every later message of the stream was received at or
 * after its frontier; an event that arrives more than the bound after its own time is late by
 * the contract's definition. So the watermark is the smallest frontier over the expected streams,
 * minus the bound, minus 1 ms: no event that arrives within the bound of its own time is ever
 * late, and a decision that waits only for time is made about the bound after its time,
 * whichever streams are quiet, without any idle timeout.
 *
 * <p><b>No publisher moves time.</b> An event's own time never moves the frontier (only its
 * receive time does), so a publisher whose clock runs ahead only waits longer for its own
 * events, one whose clock runs behind (or that sends a burst of old events) only makes its own
 * events late. A catch-up after a restart re-reads messages whose receive times are old: the
 * frontier follows them, and none of them turns late.
 *
 * <p><b>A replay line without a receive time</b> moves its stream's frontier by its event time
 * instead, as in contract v1: a replay file of events only is decided as before.
 *
 * <p><b>A stream whose source falls silent</b> — no message and no report for {@code idleAfter},
 * which happens only when the source cannot reach its stream — stops holding the others back;
 * its events may then arrive late. When every stream is silent, time stops: nothing is known.
 */
public final class InputWatermarks implements WatermarkGenerator<InputEvent> {
    /** Never take a stream as idle (a replay, which has no wall clock). */
    public static final long NEVER_IDLE = Long.MAX_VALUE;

    private final long boundMs;
    private final Set<SourceStream> expected;
    private final long idleAfterMs;
    private final LongSupplier clock;

    private final long[] frontier = new long[SourceStream.values().length];
    private final long[] lastHeardAt = new long[SourceStream.values().length];
    private long emitted = Long.MIN_VALUE;

    public InputWatermarks(long boundMs, Set<SourceStream> expected, long idleAfterMs, LongSupplier clock) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("at least one input stream must be expected");
        }
        if (boundMs < 0 || idleAfterMs <= 0) {
            throw new IllegalArgumentException("the out-of-orderness bound must not be negative and idle-after must be positive");
        }
        this.boundMs = boundMs;
        this.expected = EnumSet.copyOf(expected);
        this.idleAfterMs = idleAfterMs;
        this.clock = clock;
        java.util.Arrays.fill(frontier, Long.MIN_VALUE);
        java.util.Arrays.fill(lastHeardAt, clock.getAsLong());
    }

    @Override
    public void onEvent(InputEvent event, long eventTimestamp, WatermarkOutput output) {
        int s = event.stream.ordinal();
        lastHeardAt[s] = clock.getAsLong();
        if (event.type == InputType.SOURCE_CAUGHT_UP) {
            frontier[s] = Math.max(frontier[s], event.receivedAt);
            // a report comes when a stream has gone quiet: what it releases should not wait for the next tick
            onPeriodicEmit(output);
            return;
        }
        frontier[s] = Math.max(frontier[s], event.hasReceiveTime() ? event.receivedAt : eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.getAsLong();
        long slowest = Long.MAX_VALUE;
        for (SourceStream s : expected) {
            if (now - lastHeardAt[s.ordinal()] < idleAfterMs) {
                slowest = Math.min(slowest, frontier[s.ordinal()]);
            }
        }
        if (slowest == Long.MAX_VALUE || slowest == Long.MIN_VALUE) {
            return; // every stream silent, or one not heard of yet: nothing is known
        }
        long watermark = slowest - boundMs - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
