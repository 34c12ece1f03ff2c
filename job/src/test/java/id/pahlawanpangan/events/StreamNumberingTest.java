package id.pahlawanpangan.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Replay lines: numbered within their streams, with the receive time a line may give (contract section 1). */
class StreamNumberingTest {
    private static final String OFFER_CANCELLED =
            "{\"type\":\"offer.cancelled\",\"offer_id\":\"o1\",\"provider_id\":\"p1\",\"event_time\":\"2026-11-25T10:00:00Z\"";

    private static String line(String extra) {
        return OFFER_CANCELLED + extra + "}";
    }

    @Test
    void linesAreNumberedWithinTheirStreamsFromOne() {
        StreamNumbering n = new StreamNumbering();
        RawInput a = n.next(line(""));
        RawInput b = n.next("{\"type\":\"claim.accepted\",\"offer_id\":\"o1\",\"ngo_id\":\"n1\",\"event_time\":\"2026-11-25T10:00:01Z\"}");
        RawInput c = n.next(line(""));
        assertThat(a.stream).isEqualTo(SourceStream.OFFERS);
        assertThat(new long[] {a.seq, b.seq, c.seq}).containsExactly(1, 1, 2);
    }

    @Test
    void aLineThatIsAnEventIsNumberedInItsStreamWhateverItsOtherFieldsHold() {
        // read as the parser reads it: NaN and long numbers in a field the contract does not define leave the event valid
        StreamNumbering n = new StreamNumbering();
        n.next(line(""));
        RawInput nan = n.next("{\"note\":NaN," + line("").substring(1));
        RawInput longNumber = n.next("{\"note\":" + "1".repeat(1500) + "," + line("").substring(1));
        assertThat(new InputParser(16 * 1024).parse(nan).isValid()).isTrue();
        assertThat(new InputParser(16 * 1024).parse(longNumber).isValid()).isTrue();
        assertThat(nan.stream).isEqualTo(SourceStream.OFFERS);
        assertThat(longNumber.stream).isEqualTo(SourceStream.OFFERS);
        assertThat(new long[] {nan.seq, longNumber.seq}).containsExactly(2, 3);
    }

    @Test
    void aLineWithoutReceivedAtHasNoReceiveTimeAndIsDatedByTheReplaysClock() {
        StreamNumbering n = new StreamNumbering();
        RawInput raw = n.next(line(""));
        assertThat(raw.hasReceiveTime()).isFalse();
        assertThat(raw.fallbackTime).isEqualTo(Times.parse("2026-11-25T10:00:00Z"));
        RawInput unreadable = n.next("not json");
        assertThat(unreadable.fallbackTime).as("the latest event time read so far").isEqualTo(Times.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void aLinesReceivedAtIsItsReceiveTime() {
        RawInput raw = new StreamNumbering().next(line(",\"received_at\":\"2026-11-25T10:00:00.250Z\""));
        assertThat(raw.receivedAt).isEqualTo(Times.parse("2026-11-25T10:00:00.250Z"));
        assertThat(raw.fallbackTime).isEqualTo(raw.receivedAt);
        assertThat(raw.receiveTimeProblem).isNull();
    }

    @Test
    void aReceivedAtBeforeTheEventTypeIsReadToo() {
        RawInput raw = new StreamNumbering().next("{\"received_at\":\"2026-11-25T10:00:01Z\"," + OFFER_CANCELLED.substring(1) + "}");
        assertThat(raw.stream).isEqualTo(SourceStream.OFFERS);
        assertThat(raw.receivedAt).isEqualTo(Times.parse("2026-11-25T10:00:01Z"));
    }

    @Test
    void anUnusableReceivedAtIsAProblemOfTheLineNotASilentlyMissingTime() {
        assertThat(new StreamNumbering().next(line(",\"received_at\":\"yesterday\"")).receiveTimeProblem).isEqualTo("invalid_time:received_at");
        assertThat(new StreamNumbering().next(line(",\"received_at\":1795601700000")).receiveTimeProblem).isEqualTo("invalid_type:received_at");
        assertThat(new StreamNumbering().next(line(",\"received_at\":{\"t\":1}")).receiveTimeProblem).isEqualTo("invalid_type:received_at");
        // given twice (found by HostilePayloadPropertiesTest: the last one was taken), ambiguous as any key twice
        assertThat(new StreamNumbering().next(line(",\"received_at\":12,\"received_at\":\"other\"")).receiveTimeProblem).isEqualTo("malformed_json");
        assertThat(new StreamNumbering().next(line(",\"received_at\":null,\"received_at\":\"2026-11-25T10:00:00Z\"")).receiveTimeProblem)
                .isEqualTo("malformed_json");
        assertThat(new StreamNumbering().next(line(",\"received_at\":\"2100-01-01T00:00:00Z\"")).receiveTimeProblem).isEqualTo("out_of_range:received_at");
        RawInput nullTime = new StreamNumbering().next(line(",\"received_at\":null"));
        assertThat(nullTime.receiveTimeProblem).isNull();
        assertThat(nullTime.hasReceiveTime()).as("null is no receive time").isFalse();
    }

    @Test
    void theReceiveTimeIsCheckedAgainstTheEventTimeByTheParser() {
        InputParser parser = new InputParser(16_384);
        RawInput early = new StreamNumbering().next(line(",\"received_at\":\"2026-11-25T09:58:59.999Z\""));
        RawInput onTime = new StreamNumbering().next(line(",\"received_at\":\"2026-11-25T09:59:00Z\""));
        assertThat(parser.parse(early).reason()).isEqualTo(RejectReason.EVENT_TIME_IN_FUTURE);
        assertThat(parser.parse(onTime).isValid()).isTrue();
        RawInput bad = new StreamNumbering().next(line(",\"received_at\":\"soon\""));
        assertThat(parser.parse(bad).reason()).isEqualTo("invalid_time:received_at");
    }

    @Test
    void aByteOrderMarkAtTheStartOfTheFileIsNotPartOfTheFirstEvent() {
        StreamNumbering n = new StreamNumbering();
        RawInput first = n.next("\uFEFF" + line(""));
        assertThat(first.payload).startsWith("{");
        assertThat(new InputParser(16_384).parse(first).isValid()).isTrue();
        assertThat(n.next("\uFEFF" + line("")).payload).as("elsewhere it is the line's").startsWith("\uFEFF");
    }
}
