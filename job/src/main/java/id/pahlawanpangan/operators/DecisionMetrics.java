package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.Decisions;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.tracing.DecisionSpans;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The business metrics of the decisions an operator emits, under the group {@code pangan}:
 * {@code decisions{type}}, {@code escalations{reason}}, {@code claimRejections{reason}},
 * {@code inputRejections{reason}}, {@code kgRescued}, {@code portionsRescued}, and the event-time
 * histograms {@code timeToFirstProposalMs} and {@code timeToClaimMs}.
 */
final class DecisionMetrics {
    private static final int HISTOGRAM_WINDOW = 10_000;

    private final MetricGroup group;
    private final Map<OutputType, Counter> decisions = new EnumMap<>(OutputType.class);
    private final Map<String, Counter> escalations = new HashMap<>();
    private final Map<String, Counter> claimRejections = new HashMap<>();
    private final Map<String, Counter> inputRejections = new HashMap<>();
    private final Counter gramsRescued;
    private final Counter portionsRescued;
    private final Histogram timeToFirstProposal;
    private final Histogram timeToClaim;

    DecisionMetrics(MetricGroup operatorGroup) {
        this.group = operatorGroup.addGroup(PanganMetrics.GROUP);
        this.gramsRescued = new SimpleCounter();
        group.gauge("kgRescued", () -> gramsRescued.getCount() / 1000.0);
        this.portionsRescued = group.counter("portionsRescued");
        this.timeToFirstProposal = group.histogram("timeToFirstProposalMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        this.timeToClaim = group.histogram("timeToClaimMs", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }

    /** Decisions that get their span and are counted, then go to {@code emit}. */
    Decisions emittingTo(Consumer<MatchEvent> emit) {
        return new Decisions(e -> {
            DecisionSpans.decided(e);
            record(e);
            emit.accept(e);
        });
    }

    private void record(MatchEvent e) {
        decisions.computeIfAbsent(e.type, t -> group.addGroup("type", t.wireName()).counter("decisions")).inc();
        switch (e.type) {
            case OFFER_ESCALATED:
                escalations.computeIfAbsent(e.reason, r -> group.addGroup("reason", r).counter("escalations")).inc();
                break;
            case CLAIM_REJECTED:
                claimRejections.computeIfAbsent(e.reason, r -> group.addGroup("reason", r).counter("claimRejections")).inc();
                break;
            case INPUT_REJECTED:
                inputRejections.computeIfAbsent(e.reason, r -> group.addGroup("reason", r).counter("inputRejections")).inc();
                break;
            case OFFER_PROPOSED:
                if (e.attempt != null && e.attempt == 1 && e.offerPostedAt != null) {
                    timeToFirstProposal.update(e.at - e.offerPostedAt);
                }
                break;
            case OFFER_CLAIMED:
                if (e.offerPostedAt != null) {
                    timeToClaim.update(e.at - e.offerPostedAt);
                }
                break;
            case OFFER_COMPLETED:
                gramsRescued.inc(Math.round(e.pickedKg * 1000));
                if (e.portions != null) {
                    portionsRescued.inc(e.portions);
                }
                break;
            default:
                break;
        }
    }
}
