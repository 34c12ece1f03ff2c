package id.pahlawanpangan.jmh;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing and validating one input message ({@link InputParser#parse}) of each frequent type, as
 * the live job gets it: JSON of the generator's events, with the publisher its subject names and a
 * receive time, so that every check of the contract runs. Every payload is checked to be valid
 * first: the benchmark measures acceptance, not the rejection path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InputParsingBenchmark {
    private static final int MESSAGES = 256;

    @Param({"offer.posted", "ngo.availability", "claim.accepted"})
    String type;

    private final InputParser parser = new InputParser(16_384);
    private RawInput[] messages;
    private int next;

    @Setup
    public void setUp() {
        List<InputEvent> offers = Workloads.offers(MESSAGES);
        List<InputEvent> ngos = Workloads.ngoSnapshots(MESSAGES);
        messages = new RawInput[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            InputEvent event = switch (type) {
                case "offer.posted" -> offers.get(i);
                case "ngo.availability" -> ngos.get(i);
                case "claim.accepted" -> claim(offers.get(i), ngos.get(i));
                default -> throw new IllegalArgumentException("no messages of type " + type);
            };
            String publisher = event.type == InputType.OFFER_POSTED ? event.providerId : event.ngoId;
            messages[i] = new RawInput(event.type.stream(), i, publisher, InputEventJson.write(event), event.eventTime);
            ParsedInput parsed = parser.parse(messages[i]);
            if (!parsed.isValid()) {
                throw new IllegalStateException("a benchmark message is rejected (" + parsed.reason() + "): " + messages[i]);
            }
        }
    }

    private static InputEvent claim(InputEvent offer, InputEvent ngo) {
        InputEvent claim = new InputEvent();
        claim.type = InputType.CLAIM_ACCEPTED;
        claim.offerId = offer.offerId;
        claim.ngoId = ngo.ngoId;
        claim.eventTime = offer.eventTime + 120_000;
        return claim;
    }

    @Benchmark
    public ParsedInput parse() {
        return parser.parse(messages[next++ & (MESSAGES - 1)]);
    }
}
