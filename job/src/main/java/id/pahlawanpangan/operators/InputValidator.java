package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.Cause;
import id.pahlawanpangan.core.Decisions;
import id.pahlawanpangan.events.DeadLetterPayload;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.tracing.DecisionSpans;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses each input payload. Valid events go on; anything else becomes an {@code input.rejected}
 * event with the reason and the original payload, on a side output. Counted: {@code inputsAccepted{type}}
 * and {@code inputRejections{reason}}.
 * Bad input never fails the job. A source's report that it has caught up passes on as an event
 * of its own, for the watermarks; so does the receive time of a rejected message, so that a
 * stream that carries only bad input still moves event time (a publisher flooding the job with
 * garbage must not stop time for everyone else).
 */
public class InputValidator extends ProcessFunction<RawInput, InputEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<MatchEvent> REJECTED = new OutputTag<>("rejected-input", EventTypes.MATCH_EVENT) {};

    private final InputParser parser;

    private transient Map<InputType, Counter> acceptedByType;
    private transient DecisionMetrics rejections;
    private transient MetricGroup metrics;

    public InputValidator(InputParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = getRuntimeContext().getMetricGroup().addGroup(PanganMetrics.GROUP);
        acceptedByType = new EnumMap<>(InputType.class);
        rejections = new DecisionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawInput raw, Context ctx, Collector<InputEvent> out) {
        if (raw.sourceCaughtUp) {
            out.collect(InputEvent.sourceCaughtUp(raw.stream, raw.seq, raw.receivedAt));
            return;
        }
        ParsedInput parsed = parser.parse(raw);
        if (parsed.isValid()) {
            DecisionSpans.ingested(raw, parsed.event());
            acceptedByType.computeIfAbsent(parsed.event().type, t -> metrics.addGroup("type", t.wireName()).counter("inputsAccepted")).inc();
            out.collect(parsed.event());
            return;
        }
        Decisions rejection = rejections.emittingTo(e -> ctx.output(REJECTED, e));
        rejection.begin(Cause.unparsed(raw.stream, raw.seq, DecisionSpans.rejectedOnIngest(raw, parsed.reason())));
        rejection.inputRejected(parsed.offerId(), parsed.at(), parsed.reason(), DeadLetterPayload.of(raw, parser.maxPayloadBytes()));
        if (raw.hasReceiveTime() && raw.receiveTimeProblem == null) {
            // the stream has been read past this message: as far as time goes, it is caught up to it
            out.collect(InputEvent.sourceCaughtUp(raw.stream, raw.seq, raw.receivedAt));
        }
    }
}
