package id.pahlawanpangan.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.RawInput;
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
 * The input watermarks against their Javadoc and the contract's section 2: time moved by what the
 * sources know (receive times and streams read to their end), never by what a publisher's clock
 * says, with no idle timeout on the way of a decision.
 */
class InputWatermarksTest {
    private static final long BOUND = 500;
    private static final long IDLE_AFTER = 60_000;
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

    private InputWatermarks live(Set<SourceStream> expected) {
        return new InputWatermarks(BOUND, expected, IDLE_AFTER, () -> now[0]);
    }

    private InputWatermarks replay() {
        return new InputWatermarks(BOUND, ALL, InputWatermarks.NEVER_IDLE, () -> now[0]);
    }

    private static InputEvent event(SourceStream stream, long eventTime, long receivedAt) {
        InputEvent e = new InputEvent();
        e.type = stream == SourceStream.NGOS ? InputType.NGO_AVAILABILITY
                : stream == SourceStream.CLAIMS ? InputType.CLAIM_ACCEPTED : InputType.OFFER_POSTED;
        e.stream = stream;
        e.eventTime = eventTime;
        e.receivedAt = receivedAt;
        return e;
    }

    /** A live message: received now, dated {@code eventTime} by its publisher; then the periodic emit. */
    private void receive(InputWatermarks g, SourceStream stream, long eventTime) {
        g.onEvent(event(stream, eventTime, now[0]), eventTime, out);
        g.onPeriodicEmit(out);
    }

    /** A replay line: with or without a receive time; then the periodic emit. */
    private void line(InputWatermarks g, SourceStream stream, long eventTime, long receivedAt) {
        g.onEvent(event(stream, eventTime, receivedAt), eventTime, out);
        g.onPeriodicEmit(out);
    }

    /** The source of {@code stream} reports it read to the end as of {@code readUpTo}. */
    private void caughtUp(InputWatermarks g, SourceStream stream, long readUpTo) {
        g.onEvent(InputEvent.sourceCaughtUp(stream, 0, readUpTo), Long.MIN_VALUE, out);
    }

    /** Every source reports its stream read to the end as of now. */
    private void allCaughtUp(InputWatermarks g) {
        for (SourceStream s : ALL) {
            caughtUp(g, s, now[0]);
        }
    }

    private void wallClockMoves(InputWatermarks g, long ms) {
        now[0] += ms;
        g.onPeriodicEmit(out);
    }

    /** Whether an event of this time arriving now would be late (the operators' rule: at or before the watermark). */
    private boolean wouldBeLate(long eventTime) {
        return out.current() != null && eventTime <= out.current();
    }

    // ---------------------------------------------------------------- streams read to their end

    @Test
    void aStreamReadToItsEndStopsHoldingTimeBackWithoutAnyIdleTimeout() {
        InputWatermarks g = live(ALL);
        receive(g, SourceStream.OFFERS, START);
        caughtUp(g, SourceStream.NGOS, START);
        assertThat(out.current()).as("claims not read yet: nothing is known").isNull();

        caughtUp(g, SourceStream.CLAIMS, START);
        assertThat(out.current()).as("emitted at once, on the report").isEqualTo(START - BOUND - 1);

        // the clock moves 300 ms; each source reports again; no idle timeout is involved
        now[0] += 300;
        allCaughtUp(g);
        assertThat(out.current()).isEqualTo(START + 300 - BOUND - 1);
        // a decision due at START (the offer's first proposal) is released once the watermark passes it
        now[0] += 201;
        allCaughtUp(g);
        assertThat(out.current()).isGreaterThanOrEqualTo(START);
    }

    @Test
    void theWatermarkIsTheSlowestStreamsFrontierMinusBoundMinusOne() {
        InputWatermarks g = live(ALL);
        caughtUp(g, SourceStream.OFFERS, START + 3_000);
        caughtUp(g, SourceStream.NGOS, START + 1_000);
        caughtUp(g, SourceStream.CLAIMS, START + 2_000);
        assertThat(out.current()).isEqualTo(START + 1_000 - BOUND - 1);
        caughtUp(g, SourceStream.NGOS, START + 5_000);
        assertThat(out.current()).isEqualTo(START + 2_000 - BOUND - 1);
    }

    @Test
    void aStreamSilentSinceTheStartNeverStallsTheOthers() {
        InputWatermarks g = live(ALL);
        // the claims stream never carries a message: its source's reports alone keep it moving
        for (int i = 0; i < 50; i++) {
            receive(g, SourceStream.OFFERS, now[0]);
            receive(g, SourceStream.NGOS, now[0]);
            caughtUp(g, SourceStream.CLAIMS, now[0]);
            now[0] += 100;
        }
        assertThat(out.current()).isEqualTo(now[0] - 100 - BOUND - 1);
    }

    @Test
    void noEventArrivingWithinTheBoundOfItsOwnTimeIsLate() {
        InputWatermarks g = live(ALL);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            now[0] += random.nextInt(50);
            if (random.nextInt(4) == 0) {
                allCaughtUp(g);
            }
            long delay = random.nextInt((int) BOUND + 1); // in transit for up to the bound
            long eventTime = now[0] - delay;
            assertThat(wouldBeLate(eventTime)).as("an event %d ms old on arrival", delay).isFalse();
            SourceStream s = SourceStream.values()[random.nextInt(3)];
            receive(g, s, eventTime);
        }
    }

    @Test
    void anEventMoreThanTheBoundOlderThanItsArrivalIsLate() {
        InputWatermarks g = live(ALL);
        allCaughtUp(g);
        wallClockMoves(g, 1_000);
        allCaughtUp(g);
        assertThat(wouldBeLate(now[0] - BOUND)).isFalse();
        assertThat(wouldBeLate(now[0] - BOUND - 1)).isTrue();
    }

    @Test
    void reportsOlderThanTheFrontierChangeNothingAndWatermarksNeverGoBack() {
        InputWatermarks g = live(ALL);
        allCaughtUp(g);
        long first = out.current();
        caughtUp(g, SourceStream.OFFERS, START - 10_000);
        receive(g, SourceStream.NGOS, START - 60_000); // an old event, received now
        g.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(first);
    }

    // ---------------------------------------------------------------- no publisher moves time

    @Test
    void aPublisherWhoseClockRunsAheadDoesNotMoveTimeForAnyone() {
        InputWatermarks g = live(ALL);
        allCaughtUp(g);
        long before = out.current();
        // an NGO dated 50 s ahead (within the accepted skew): only its receive time counts
        receive(g, SourceStream.NGOS, now[0] + 50_000);
        assertThat(out.current()).isEqualTo(before);
        // another publisher's event, on time, is not late
        wallClockMoves(g, 10);
        assertThat(wouldBeLate(now[0] - 10)).isFalse();
    }

    @Test
    void aBurstOfOldEventsFromOnePublisherIsLateOnlyForItselfAndMovesNothing() {
        InputWatermarks g = live(ALL);
        allCaughtUp(g);
        wallClockMoves(g, 5_000);
        allCaughtUp(g);
        long before = out.current();
        // a phone that was offline for an hour flushes its queue: each event is late ...
        for (int i = 0; i < 100; i++) {
            long eventTime = now[0] - 3_600_000 + i * 1_000;
            assertThat(wouldBeLate(eventTime)).isTrue();
            receive(g, SourceStream.CLAIMS, eventTime);
        }
        // ... and time is where the receive times put it, not pulled back nor pushed on
        assertThat(out.current()).isEqualTo(before);
        // an on-time event of someone else right after it is not late
        assertThat(wouldBeLate(now[0])).isFalse();
    }

    @Test
    void aStalledProducerDoesNotHoldTimeBackForOthers() {
        InputWatermarks g = live(ALL);
        // one NGO's app stops publishing; its stream goes on being read to the end
        for (int i = 0; i < 20; i++) {
            wallClockMoves(g, 100);
            receive(g, SourceStream.OFFERS, now[0]);
            caughtUp(g, SourceStream.NGOS, now[0]);
            caughtUp(g, SourceStream.CLAIMS, now[0]);
        }
        assertThat(out.current()).isEqualTo(now[0] - BOUND - 1);
    }

    // ---------------------------------------------------------------- catch-up after a restart

    @Test
    void aCatchUpAfterARestartTurnsNothingLate() {
        InputWatermarks g = live(ALL);
        // the job was down for an hour; the streams hold what was published meanwhile, on time
        long downSince = now[0] - 3_600_000;
        // the small streams are read to their end at once; the offers take a while
        caughtUp(g, SourceStream.NGOS, now[0]);
        caughtUp(g, SourceStream.CLAIMS, now[0]);
        int late = 0;
        for (long received = downSince; received < now[0]; received += 1_000) {
            long eventTime = received - 200; // each was 200 ms in transit when published
            late += wouldBeLate(eventTime) ? 1 : 0;
            g.onEvent(event(SourceStream.OFFERS, eventTime, received), eventTime, out);
            g.onPeriodicEmit(out);
            now[0] += 1; // read far faster than it was written
        }
        assertThat(late).isZero();
        assertThat(out.current()).isLessThan(now[0] - 1_000);
    }

    @Test
    void aStreamNotHeardOfYetHoldsTimeBack() {
        InputWatermarks g = live(ALL);
        receive(g, SourceStream.OFFERS, START);
        receive(g, SourceStream.NGOS, START);
        wallClockMoves(g, 30_000);
        assertThat(out.current()).isNull();
    }

    // ---------------------------------------------------------------- idle fallback

    @Test
    void aSourceSilentForIdleAfterStopsHoldingBackTheOthers() {
        InputWatermarks g = live(ALL);
        allCaughtUp(g);
        long claimsLastHeard = now[0];
        for (int i = 0; i < 700; i++) {
            wallClockMoves(g, 100);
            caughtUp(g, SourceStream.OFFERS, now[0]);
            caughtUp(g, SourceStream.NGOS, now[0]);
        }
        assertThat(now[0] - claimsLastHeard).isGreaterThan(IDLE_AFTER);
        assertThat(out.current()).as("claims silent for over a minute: no longer holding back").isEqualTo(now[0] - BOUND - 1);
    }

    @Test
    void whenEverySourceIsSilentTimeStops() {
        InputWatermarks g = live(ALL);
        allCaughtUp(g);
        long before = out.current();
        wallClockMoves(g, 10 * IDLE_AFTER);
        assertThat(out.current()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- replay

    @Test
    void aReplayLineWithoutAReceiveTimeMovesItsStreamByItsEventTimeAsInV1() {
        InputWatermarks g = replay();
        line(g, SourceStream.OFFERS, START + 10_000, RawInput.NO_RECEIVE_TIME);
        line(g, SourceStream.NGOS, START + 8_000, RawInput.NO_RECEIVE_TIME);
        line(g, SourceStream.CLAIMS, START + 12_000, RawInput.NO_RECEIVE_TIME);
        assertThat(out.current()).isEqualTo(START + 8_000 - BOUND - 1);
        line(g, SourceStream.OFFERS, START + 9_000, RawInput.NO_RECEIVE_TIME);
        line(g, SourceStream.NGOS, START + 20_000, RawInput.NO_RECEIVE_TIME);
        assertThat(out.current()).isEqualTo(START + 10_000 - BOUND - 1);
    }

    @Test
    void aReplayLineWithAReceiveTimeMovesItsStreamByItOnly() {
        InputWatermarks g = replay();
        line(g, SourceStream.OFFERS, START + 50_000, START + 1_000); // its clock ran 49 s ahead
        line(g, SourceStream.NGOS, START + 1_000, START + 1_000);
        line(g, SourceStream.CLAIMS, START - 10_000, START + 2_000); // 12 s in transit: late
        assertThat(out.current()).isEqualTo(START + 1_000 - BOUND - 1);
    }

    @Test
    void aReplayNeverFollowsTheWallClock() {
        InputWatermarks g = replay();
        line(g, SourceStream.OFFERS, START, RawInput.NO_RECEIVE_TIME);
        line(g, SourceStream.NGOS, START, RawInput.NO_RECEIVE_TIME);
        wallClockMoves(g, 24 * 3_600_000L);
        assertThat(out.current()).isNull();
        line(g, SourceStream.CLAIMS, START, RawInput.NO_RECEIVE_TIME);
        wallClockMoves(g, 24 * 3_600_000L);
        assertThat(out.watermarks).containsExactly(START - BOUND - 1);
    }

    @Test
    void theReplayWatermarkDoesNotDependOnHowStreamsAreInterleaved() {
        long[][] byStream = {
            {START + 1_000, START + 4_000, START + 2_000, START + 9_000},
            {START + 3_000, START + 3_500, START + 8_000},
            {START + 500, START + 7_000},
        };
        List<Long> finals = new ArrayList<>();
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            RecordingOutput o = new RecordingOutput();
            InputWatermarks g = new InputWatermarks(BOUND, ALL, InputWatermarks.NEVER_IDLE, () -> now[0]);
            int[] next = new int[3];
            int left = 9;
            while (left > 0) {
                int s = random.nextInt(3);
                if (next[s] < byStream[s].length) {
                    long t = byStream[s][next[s]++];
                    g.onEvent(event(SourceStream.values()[s], t, RawInput.NO_RECEIVE_TIME), t, o);
                    g.onPeriodicEmit(o);
                    left--;
                }
            }
            finals.add(o.current());
        }
        assertThat(finals).containsOnly(START + 7_000 - BOUND - 1);
    }

    @Test
    void aStreamThatIsNotExpectedNeitherHoldsBackNorMovesTheWatermark() {
        InputWatermarks g = live(EnumSet.of(SourceStream.OFFERS));
        caughtUp(g, SourceStream.OFFERS, START);
        caughtUp(g, SourceStream.CLAIMS, START + 60_000);
        receive(g, SourceStream.UNROUTED, START + 60_000);
        assertThat(out.watermarks).containsExactly(START - BOUND - 1);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new InputWatermarks(BOUND, EnumSet.noneOf(SourceStream.class), IDLE_AFTER, () -> 0L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputWatermarks(-1, ALL, IDLE_AFTER, () -> 0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InputWatermarks(BOUND, ALL, 0, () -> 0L)).isInstanceOf(IllegalArgumentException.class);
    }
}
