package id.pahlawanpangan.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.SourceStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/**
 * The input watermarks against their Javadoc and the contract's section 2: bounded
 * out-of-orderness per stream, and time that advances when live input is quiet but not during a
 * catch-up.
 */
class InputWatermarksTest {
    private static final long BOUND = 500;
    private static final long IDLE_AFTER = 2_000;
    private static final long LIVE_LAG = 30_000;
    private static final long STARTUP_QUIET = 30_000;
    private static final InputWatermarks.QuietTime QUIET = new InputWatermarks.QuietTime(IDLE_AFTER, LIVE_LAG, STARTUP_QUIET);
    private static final Set<SourceStream> ALL = EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS);

    /** 2026-11-25T10:15:00Z: the wall clock at the start of every test. */
    private static final long START = 1_795_601_700_000L;

    private final long[] now = {START};
    private final RecordingOutput out = new RecordingOutput();

    private static final class RecordingOutput implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        /** The latest watermark emitted, or null if none was. */
        Long current() {
            return watermarks.isEmpty() ? null : watermarks.get(watermarks.size() - 1);
        }
    }

    private InputWatermarks generator(Set<SourceStream> expected, InputWatermarks.QuietTime quiet) {
        return new InputWatermarks(BOUND, expected, quiet, () -> now[0]);
    }

    private static InputEvent event(SourceStream stream, long eventTime) {
        InputEvent e = new InputEvent();
        e.type = stream == SourceStream.NGOS ? InputType.NGO_AVAILABILITY
                : stream == SourceStream.CLAIMS ? InputType.CLAIM_ACCEPTED : InputType.OFFER_POSTED;
        e.stream = stream;
        e.eventTime = eventTime;
        return e;
    }

    /** One event arrives now, then the periodic emit runs, as Flink does. */
    private void arrive(InputWatermarks g, SourceStream stream, long eventTime) {
        g.onEvent(event(stream, eventTime), eventTime, out);
        g.onPeriodicEmit(out);
    }

    /** The wall clock moves on by this much, then the periodic emit runs. */
    private void idle(InputWatermarks g, long ms) {
        now[0] += ms;
        g.onPeriodicEmit(out);
    }

    // ---------------------------------------------------------------- from events

    @Test
    void theWatermarkIsTheMinimumOverExpectedStreamsOfLatestEventTimeMinusBoundMinusOne() {
        InputWatermarks g = generator(ALL, null);
        arrive(g, SourceStream.OFFERS, START + 10_000);
        arrive(g, SourceStream.NGOS, START + 8_000);
        arrive(g, SourceStream.CLAIMS, START + 12_000);
        assertThat(out.current()).isEqualTo(START + 8_000 - BOUND - 1);

        // the slowest stream moves on: now offers hold it back
        arrive(g, SourceStream.NGOS, START + 20_000);
        assertThat(out.current()).isEqualTo(START + 10_000 - BOUND - 1);

        // the latest time per stream counts, not the last one to arrive
        arrive(g, SourceStream.OFFERS, START + 15_000);
        arrive(g, SourceStream.OFFERS, START + 11_000);
        assertThat(out.current()).isEqualTo(START + 12_000 - BOUND - 1);

        arrive(g, SourceStream.CLAIMS, START + 30_000);
        assertThat(out.current()).isEqualTo(START + 15_000 - BOUND - 1);
        assertThat(out.watermarks).containsExactly(
                START + 8_000 - BOUND - 1, START + 10_000 - BOUND - 1, START + 12_000 - BOUND - 1, START + 15_000 - BOUND - 1);
    }

    @Test
    void anEventExactlyBoundLateIsNotLateButOneMoreMillisecondIs() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), null);
        arrive(g, SourceStream.OFFERS, START + 10_000);
        // an event is late when its time is at or before the watermark
        assertThat(START + 10_000 - BOUND).isGreaterThan(out.current());
        assertThat(START + 10_000 - BOUND - 1).isLessThanOrEqualTo(out.current());
    }

    @Test
    void theWatermarkDoesNotDependOnHowStreamsAreInterleaved() {
        long[][] byStream = {
            {START + 1_000, START + 4_000, START + 2_000, START + 9_000},
            {START + 3_000, START + 3_500, START + 8_000},
            {START + 500, START + 7_000}};
        SourceStream[] streams = {SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS};
        Random random = new Random(7);
        Long first = null;
        for (int trial = 0; trial < 200; trial++) {
            RecordingOutput o = new RecordingOutput();
            InputWatermarks g = generator(ALL, null);
            int[] next = new int[3];
            int remaining = 9;
            while (remaining > 0) {
                int s = random.nextInt(3);
                if (next[s] < byStream[s].length) {
                    long t = byStream[s][next[s]++];
                    g.onEvent(event(streams[s], t), t, o);
                    g.onPeriodicEmit(o);
                    remaining--;
                }
            }
            long last = o.watermarks.get(o.watermarks.size() - 1);
            assertThat(last).isEqualTo(START + 7_000 - BOUND - 1);
            first = first == null ? last : first;
            assertThat(last).isEqualTo(first);
        }
    }

    @Test
    void nothingIsEmittedWhileAnExpectedStreamHasNotBeenSeen() {
        InputWatermarks g = generator(ALL, null);
        for (int i = 0; i < 50; i++) {
            arrive(g, SourceStream.OFFERS, START + i * 1_000L);
            arrive(g, SourceStream.NGOS, START + i * 1_000L);
        }
        assertThat(out.watermarks).isEmpty();

        arrive(g, SourceStream.CLAIMS, START + 3_000);
        assertThat(out.watermarks).containsExactly(START + 3_000 - BOUND - 1);
    }

    @Test
    void aStreamThatIsNotExpectedNeitherHoldsBackNorMovesTheWatermark() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), null);
        arrive(g, SourceStream.CLAIMS, START + 50_000);
        assertThat(out.watermarks).isEmpty();
        arrive(g, SourceStream.OFFERS, START + 1_000);
        assertThat(out.watermarks).containsExactly(START + 1_000 - BOUND - 1);
    }

    @Test
    void noStreamExpectedIsAnError() {
        assertThatThrownBy(() -> generator(EnumSet.noneOf(SourceStream.class), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void watermarksNeverGoBackwards() {
        Random random = new Random(42);
        for (InputWatermarks.QuietTime quiet : new InputWatermarks.QuietTime[] {null, QUIET}) {
            RecordingOutput o = new RecordingOutput();
            now[0] = START;
            InputWatermarks g = generator(ALL, quiet);
            SourceStream[] streams = {SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS};
            for (int i = 0; i < 5_000; i++) {
                if (random.nextInt(4) == 0) {
                    // quiet for a while
                    now[0] += random.nextInt(10_000);
                } else {
                    now[0] += random.nextInt(300);
                    // mostly live, sometimes far behind the clock, sometimes ahead of it
                    long lag = random.nextInt(10) == 0 ? 60_000 + random.nextInt(600_000) : random.nextInt(3_000) - 1_000;
                    long t = now[0] - lag;
                    g.onEvent(event(streams[random.nextInt(3)], t), t, o);
                }
                g.onPeriodicEmit(o);
            }
            assertThat(o.watermarks).as("quiet=%s", quiet).hasSizeGreaterThan(10);
            for (int i = 1; i < o.watermarks.size(); i++) {
                assertThat(o.watermarks.get(i)).as("quiet=%s", quiet).isGreaterThan(o.watermarks.get(i - 1));
            }
        }
    }

    @Test
    void anOlderEventAfterTheClockMovedTheWatermarkDoesNotPullItBack() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        arrive(g, SourceStream.OFFERS, now[0]);
        idle(g, 60_000);
        long advanced = out.current();
        assertThat(advanced).isGreaterThan(START);

        // a new event resets the quiet period and is older than the watermark
        arrive(g, SourceStream.OFFERS, START + 1_000);
        idle(g, 1_000);
        assertThat(out.current()).isEqualTo(advanced);
        assertThat(out.watermarks).doesNotHaveDuplicates();
    }

    // ---------------------------------------------------------------- without quiet time (replay)

    @Test
    void withoutQuietTimeTheWallClockNeverMovesTheWatermark() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), null);
        arrive(g, SourceStream.OFFERS, START);
        assertThat(out.watermarks).containsExactly(START - BOUND - 1);
        for (int i = 0; i < 100; i++) {
            idle(g, 3_600_000);
        }
        assertThat(out.watermarks).containsExactly(START - BOUND - 1);
    }

    @Test
    void withoutQuietTimeAndWithoutEventsNothingIsEverEmitted() {
        InputWatermarks g = generator(ALL, null);
        for (int i = 0; i < 100; i++) {
            idle(g, 3_600_000);
        }
        assertThat(out.watermarks).isEmpty();
    }

    // ---------------------------------------------------------------- quiet live input

    @Test
    void quietLiveInputAdvancesFromTheLatestEventTimeByTheWallTimeSinceItArrived() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        // the producer's clock is 100 ms behind ours: the watermark follows the producer's clock
        long eventTime = now[0] - 100;
        arrive(g, SourceStream.OFFERS, eventTime);
        assertThat(out.current()).isEqualTo(eventTime - BOUND - 1);

        // not quiet yet
        idle(g, IDLE_AFTER - 1);
        assertThat(out.watermarks).containsExactly(eventTime - BOUND - 1);

        // a few seconds into the quiet period
        idle(g, 5_000 - (IDLE_AFTER - 1));
        long quietFor = 5_000;
        assertThat(out.current()).isEqualTo(eventTime + quietFor - IDLE_AFTER - BOUND - 1);

        // and on with the clock
        idle(g, 7_000);
        quietFor += 7_000;
        assertThat(out.current()).isEqualTo(eventTime + quietFor - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void quietTimeStartsAfterIdleAfterExactly() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        long eventTime = now[0];
        arrive(g, SourceStream.OFFERS, eventTime);
        idle(g, IDLE_AFTER);
        // at exactly idleAfter the extrapolation equals the event watermark: nothing new
        assertThat(out.watermarks).containsExactly(eventTime - BOUND - 1);
        idle(g, 1);
        assertThat(out.watermarks).containsExactly(eventTime - BOUND - 1, eventTime - BOUND);
    }

    @Test
    void quietTimeExtrapolatesFromTheNewestEventFromWhenItArrived() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS), QUIET);
        long latest = now[0];
        arrive(g, SourceStream.OFFERS, latest);
        now[0] += 100;
        // the last to arrive is older (but still live): the producers' clock is the newest event's
        arrive(g, SourceStream.NGOS, latest - 1_000);
        idle(g, 4_000);
        assertThat(out.current()).isEqualTo(latest + 4_100 - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void aSilentStreamDoesNotStallTheOthers() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS, SourceStream.CLAIMS), QUIET);
        arrive(g, SourceStream.CLAIMS, now[0]);
        // then offers arrive live every second for an hour, and no claim
        for (int i = 0; i < 3_600; i++) {
            now[0] += 1_000;
            arrive(g, SourceStream.OFFERS, now[0]);
        }
        // the silent claims stream follows the offers' clock, idleAfter behind
        assertThat(out.current()).isEqualTo(now[0] - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void aStreamNeverSeenStopsHoldingTheWatermarkAfterStartupQuiet() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS, SourceStream.CLAIMS), QUIET);
        for (int i = 0; i < 60; i++) {
            now[0] += 1_000;
            arrive(g, SourceStream.OFFERS, now[0]);
            if (now[0] - START < STARTUP_QUIET) {
                assertThat(out.watermarks).isEmpty();
            }
        }
        assertThat(out.current()).isEqualTo(now[0] - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void aStreamWhoseSourceCaughtUpStopsHoldingTheWatermarkIdleAfterLaterNotAfterStartupQuiet() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS, SourceStream.CLAIMS), QUIET);
        // the claims source found its stream empty when it started
        g.onEvent(InputEvent.sourceCaughtUp(SourceStream.CLAIMS, 0), Long.MIN_VALUE, out);
        for (int i = 0; i < 5; i++) {
            now[0] += 1_000;
            arrive(g, SourceStream.OFFERS, now[0]);
            if (i == 0) {
                assertThat(out.watermarks).as("claims not quiet yet").isEmpty();
            }
        }
        assertThat(now[0] - START).isLessThan(STARTUP_QUIET);
        assertThat(out.current()).as("claims quiet idleAfter after the report, following the offers' clock")
                .isEqualTo(now[0] - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void aCaughtUpReportHasNoTimeOfItsOwn() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), null);
        arrive(g, SourceStream.OFFERS, now[0]);
        g.onEvent(InputEvent.sourceCaughtUp(SourceStream.OFFERS, 7), Long.MIN_VALUE, out);
        idle(g, 60_000);
        assertThat(out.watermarks).containsExactly(START - BOUND - 1);
    }

    @Test
    void aReportAfterTheStreamDeliveredChangesNothing() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS, SourceStream.CLAIMS), QUIET);
        arrive(g, SourceStream.CLAIMS, now[0]);
        now[0] += 1_500;
        g.onEvent(InputEvent.sourceCaughtUp(SourceStream.CLAIMS, 1), Long.MIN_VALUE, out);
        now[0] += 1_000;
        arrive(g, SourceStream.OFFERS, now[0]);
        // quiet since its event 2.5 s ago, not since the report 1 s ago
        assertThat(out.current()).isEqualTo(now[0] - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void withoutEventsTheWallClockIsFollowedOnceEveryStreamIsQuiet() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS, SourceStream.CLAIMS), QUIET);
        g.onEvent(InputEvent.sourceCaughtUp(SourceStream.OFFERS, 0), Long.MIN_VALUE, out);
        idle(g, IDLE_AFTER);
        assertThat(out.watermarks).as("claims has not reported").isEmpty();
        g.onEvent(InputEvent.sourceCaughtUp(SourceStream.CLAIMS, 0), Long.MIN_VALUE, out);
        idle(g, IDLE_AFTER - 1);
        assertThat(out.watermarks).isEmpty();
        idle(g, 1);
        assertThat(out.current()).as("restored timers fire seconds after a restart with empty streams")
                .isEqualTo(now[0] - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void aSingleOldMessageDoesNotStopQuietTime() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.CLAIMS), QUIET);
        long live = now[0];
        arrive(g, SourceStream.CLAIMS, live);
        now[0] += 1_000;
        // a phone that was offline delivers a minute-old claim
        arrive(g, SourceStream.CLAIMS, now[0] - 60_000);
        idle(g, 600_000);
        assertThat(out.current()).isEqualTo(live + 601_000 - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void aHoldDueAtTIsPassedWithinAboutIdleAfterOfWallTimeT() {
        InputWatermarks g = generator(ALL, QUIET);
        // live input: the producers' clock agrees with ours
        arrive(g, SourceStream.OFFERS, now[0]);
        arrive(g, SourceStream.NGOS, now[0]);
        arrive(g, SourceStream.CLAIMS, now[0]);
        long holdUntil = now[0] + 10 * 60_000;

        // then nothing arrives; Flink asks for a watermark every 200 ms
        Long firedAt = null;
        while (firedAt == null && now[0] < holdUntil + 60_000) {
            idle(g, 200);
            if (out.current() != null && out.current() >= holdUntil) {
                firedAt = now[0];
            }
        }
        assertThat(firedAt).isNotNull();
        assertThat(firedAt).isGreaterThan(holdUntil);
        assertThat(firedAt - holdUntil).isLessThanOrEqualTo(IDLE_AFTER + BOUND + 1 + 200);
    }

    @Test
    void aHoldDueAtTIsPassedExactlyIdleAfterPlusBoundAfterT() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        arrive(g, SourceStream.OFFERS, now[0]);
        long holdUntil = now[0] + 60_000;

        idle(g, holdUntil + IDLE_AFTER + BOUND - now[0]);
        assertThat(out.current()).isEqualTo(holdUntil - 1);
        idle(g, 1);
        assertThat(out.current()).isEqualTo(holdUntil);
    }

    @Test
    void liveMeansArrivedWithinLiveLagOfItsEventTime() {
        // exactly liveLag behind: still live
        InputWatermarks live = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        long eventTime = now[0] - LIVE_LAG;
        arrive(live, SourceStream.OFFERS, eventTime);
        idle(live, 10_000);
        assertThat(out.current()).isEqualTo(eventTime + 10_000 - IDLE_AFTER - BOUND - 1);

        // one millisecond more: a catch-up
        out.watermarks.clear();
        InputWatermarks old = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        long oldTime = now[0] - LIVE_LAG - 1;
        arrive(old, SourceStream.OFFERS, oldTime);
        idle(old, 10_000);
        assertThat(out.watermarks).containsExactly(oldTime - BOUND - 1);
    }

    @Test
    void aCatchUpIsNotPulledForwardByTheWallClock() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        // replaying an hour-old backlog after a restart, with pauses
        long t = now[0] - 3_600_000;
        for (int i = 0; i < 20; i++) {
            arrive(g, SourceStream.OFFERS, t + i * 1_000L);
            idle(g, 5_000);
        }
        long last = t + 19_000;
        assertThat(out.current()).isEqualTo(last - BOUND - 1);
        // however long the pause
        idle(g, 3_600_000);
        assertThat(out.current()).isEqualTo(last - BOUND - 1);
        for (Long w : out.watermarks) {
            assertThat(w).isLessThanOrEqualTo(last - BOUND - 1);
        }
    }

    @Test
    void afterACatchUpALiveEventLetsQuietTimeAdvanceAgain() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        arrive(g, SourceStream.OFFERS, now[0] - 3_600_000);
        idle(g, 10_000);
        assertThat(out.current()).isEqualTo(now[0] - 10_000 - 3_600_000 - BOUND - 1);

        long live = now[0];
        arrive(g, SourceStream.OFFERS, live);
        idle(g, 6_000);
        assertThat(out.current()).isEqualTo(live + 6_000 - IDLE_AFTER - BOUND - 1);
    }

    // ---------------------------------------------------------------- startup

    @Test
    void withoutEventsTheWatermarkFollowsTheWallClockOnlyAfterStartupQuiet() {
        InputWatermarks g = generator(ALL, QUIET);
        idle(g, STARTUP_QUIET - 1);
        assertThat(out.watermarks).isEmpty();

        idle(g, 1);
        assertThat(out.watermarks).containsExactly(now[0] - IDLE_AFTER - BOUND - 1);

        idle(g, 4_000);
        assertThat(out.current()).isEqualTo(now[0] - IDLE_AFTER - BOUND - 1);
        assertThat(out.current()).isEqualTo(START + STARTUP_QUIET + 4_000 - IDLE_AFTER - BOUND - 1);
    }

    @Test
    void startupQuietCountsFromWhenTheGeneratorWasCreated() {
        now[0] = START + 1_000_000;
        InputWatermarks g = generator(ALL, QUIET);
        idle(g, STARTUP_QUIET - 1);
        assertThat(out.watermarks).isEmpty();
        idle(g, 1);
        assertThat(out.watermarks).hasSize(1);
    }

    @Test
    void anEventBeforeStartupQuietEndsTheStartupRule() {
        InputWatermarks g = generator(EnumSet.of(SourceStream.OFFERS), QUIET);
        // an old event (a catch-up) arrives during startup
        long old = now[0] - 3_600_000;
        now[0] += 1_000;
        arrive(g, SourceStream.OFFERS, old);
        idle(g, STARTUP_QUIET + 60_000);
        assertThat(out.watermarks).containsExactly(old - BOUND - 1);
    }
}
