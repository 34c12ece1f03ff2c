package id.pahlawanpangan.operators;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
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

    @Test
    void aValidEventGoesOnAndABadOneIsRejectedWithItsPayload() throws Exception {
        String offer = InputEventJson.write(new Fixtures().offer("o1").posted());
        validator.processElement(new RawInput(SourceStream.OFFERS, 1, null, offer, 0), 0);
        validator.processElement(new RawInput(SourceStream.OFFERS, 2, null, "{not json", 0), 0);

        assertThat(events()).extracting(e -> e.type + " " + e.offerId).containsExactly("OFFER_POSTED o1");
        assertThat(rejections()).extracting(e -> e.reason + " " + e.payload).containsExactly("malformed_json {not json");
    }

    @Test
    void aSourcesCaughtUpReportGoesOnAsItsOwnEventAndIsNeitherParsedNorRejected() throws Exception {
        validator.processElement(RawInput.sourceCaughtUp(SourceStream.CLAIMS, 41, 0), 0);

        List<InputEvent> events = events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).type).isEqualTo(InputType.SOURCE_CAUGHT_UP);
        assertThat(events.get(0).stream).isEqualTo(SourceStream.CLAIMS);
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
