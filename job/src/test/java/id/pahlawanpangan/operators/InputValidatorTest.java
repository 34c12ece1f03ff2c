package id.pahlawanpangan.operators;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.testing.Fixtures;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InputValidatorTest {
    private OneInputStreamOperatorTestHarness<RawInput, InputEvent> validator;

    @BeforeEach
    void open() throws Exception {
        validator = ProcessFunctionTestHarnesses.forProcessFunction(new InputValidator(new InputParser(16 * 1024)));
    }

    @AfterEach
    void close() throws Exception {
        validator.close();
    }

    private static final long RECEIVED = Fixtures.T0 + Fixtures.MINUTE;

    @Test
    void aValidEventGoesOnWithItsReceiveTimeAndABadOneIsRejectedWithItsPayload() throws Exception {
        String offer = InputEventJson.write(new Fixtures().offer("o1").posted());
        validator.processElement(new RawInput(SourceStream.OFFERS, 1, null, offer, RECEIVED), 0);
        validator.processElement(new RawInput(SourceStream.OFFERS, 2, null, "{not json", RECEIVED + 5), 0);

        assertThat(events()).extracting(e -> e.type + " " + e.offerId + " " + e.receivedAt)
                .containsExactly("OFFER_POSTED o1 " + RECEIVED, "SOURCE_CAUGHT_UP null " + (RECEIVED + 5));
        assertThat(rejections()).extracting(e -> e.reason + " " + e.payload).containsExactly("malformed_json {not json");
    }

    @Test
    void aDeadLetterCarriesWhatIsNotTextAsBase64AndCutsWhatIsTooLong() throws Exception {
        RawInput notUtf8 = new RawInput(SourceStream.OFFERS, 3, null, null, RECEIVED);
        notUtf8.undecodablePayload = new byte[] {'{', (byte) 0xE9, '}'};
        validator.processElement(notUtf8, 0);
        validator.processElement(new RawInput(SourceStream.OFFERS, 4, null, "{\"a\":\"\0\"}", RECEIVED), 0);
        validator.processElement(new RawInput(SourceStream.OFFERS, 5, null, "\"".repeat(600_000), RECEIVED), 0);

        List<MatchEvent> letters = rejections();
        assertThat(letters).extracting(e -> e.reason).containsExactly("invalid_utf8", "malformed_json", "payload_too_large");
        assertThat(letters.get(0).payload).isNull();
        assertThat(letters.get(0).payloadBase64).isEqualTo(java.util.Base64.getEncoder().encodeToString(notUtf8.undecodablePayload));
        assertThat(letters.get(1).payload).isNull();
        assertThat(letters.get(1).payloadBase64).isNotNull();
        assertThat(letters.get(2).payload).hasSize(16 * 1024);
        assertThat(letters.get(2).payloadTruncated).isTrue();
        assertThat(letters.get(0).payloadTruncated).isNull();
    }

    @Test
    void aRejectedMessageStillMovesItsStreamOnButOnlyWhenItsReceiveTimeIsKnown() throws Exception {
        validator.processElement(new RawInput(SourceStream.NGOS, 7, null, "garbage", RECEIVED), 0);
        validator.processElement(RawInput.replayLine(SourceStream.UNROUTED, 8, "garbage", RawInput.NO_RECEIVE_TIME, RECEIVED), 0);

        assertThat(events()).extracting(e -> e.type + " " + e.stream + " " + e.receivedAt)
                .as("the stream has been read past it: it counts as a report, not as an event")
                .containsExactly("SOURCE_CAUGHT_UP NGOS " + RECEIVED);
        assertThat(rejections()).hasSize(2);
    }

    @Test
    void anEventDatedTooFarAheadOfItsReceiveTimeIsRejectedAndMovesOnlyItsStream() throws Exception {
        long received = Fixtures.T0;
        String future = InputEventJson.write(new Fixtures().ngo("ngo-x").availableAt(Times.parse("9999-12-31T23:59:59Z")));
        String skewed = InputEventJson.write(new Fixtures().ngo("ngo-y").availableAt(received + 60_001));
        String withinSkew = InputEventJson.write(new Fixtures().ngo("ngo-z").availableAt(received + 60_000));
        validator.processElement(new RawInput(SourceStream.NGOS, 1, "ngo-x", future, received), 0);
        validator.processElement(new RawInput(SourceStream.NGOS, 2, "ngo-y", skewed, received), 0);
        validator.processElement(new RawInput(SourceStream.NGOS, 3, "ngo-z", withinSkew, received), 0);

        assertThat(rejections()).extracting(e -> e.reason).containsExactly("out_of_range:event_time", "event_time_in_future");
        assertThat(events()).extracting(e -> e.type + " " + e.ngoId + " " + e.receivedAt).containsExactly(
                "SOURCE_CAUGHT_UP null " + received, "SOURCE_CAUGHT_UP null " + received, "NGO_AVAILABILITY ngo-z " + received);
    }

    @Test
    void aSourcesCaughtUpReportGoesOnAsItsOwnEventWithItsTimeAndIsNeitherParsedNorRejected() throws Exception {
        validator.processElement(RawInput.sourceCaughtUp(SourceStream.CLAIMS, 41, RECEIVED), 0);

        List<InputEvent> events = events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type).isEqualTo(InputType.SOURCE_CAUGHT_UP);
        assertThat(events.get(0).stream).isEqualTo(SourceStream.CLAIMS);
        assertThat(events.get(0).receivedAt).isEqualTo(RECEIVED);
        assertThat(events.get(0).type.concernsOffer()).as("dropped by the offer filter").isFalse();
        assertThat(rejections()).isEmpty();
    }

    private List<InputEvent> events() {
        return validator.extractOutputValues();
    }

    private List<MatchEvent> rejections() {
        var out = validator.getSideOutput(InputValidator.REJECTED);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }
}
