package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.Cause;
import id.pahlawanpangan.core.Decisions;
import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RejectReason;
import id.pahlawanpangan.geo.CellGrid;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by offer id: where every event about one offer meets. It routes claims, pickups and
 * cancellations (which carry only the offer id) to the offer's cell, recognises repeated
 * postings, and rejects events for offers never posted.
 *
 * <p>State per offer id: the first posting (its cell, provider and content), kept until the
 * offer's expiry plus the closed-offer retention, by which time the cell has forgotten the offer
 * too; and the offer's events waiting for the watermark.
 */
public class OfferDirectory extends KeyedProcessFunction<String, InputEvent, InputEvent> {
    private static final long serialVersionUID = 1L;

    /** Rejections decided here: repeated postings, and events for unknown offers. */
    public static final OutputTag<MatchEvent> REJECTIONS = new OutputTag<>("directory-rejections", EventTypes.MATCH_EVENT) {};

    private final CellGrid grid;
    private final MatchPolicy policy;

    private transient ValueState<InputEvent> posting;
    private transient EventTimeBuffer pending;
    private transient Counter lateEvents;
    private transient DecisionMetrics metrics;

    public OfferDirectory(CellGrid grid, MatchPolicy policy) {
        this.grid = grid;
        this.policy = policy;
    }

    @Override
    public void open(OpenContext openContext) {
        posting = getRuntimeContext().getState(StateTypes.posting());
        pending = new EventTimeBuffer(getRuntimeContext().getMapState(StateTypes.pendingInputs()));
        lateEvents = getRuntimeContext().getMetricGroup().addGroup(PanganMetrics.GROUP).counter("lateEvents");
        metrics = new DecisionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(InputEvent e, Context ctx, Collector<InputEvent> out) throws Exception {
        if (EventTimeBuffer.isLate(e, ctx.timerService())) {
            lateEvents.inc();
            route(e, ctx, out);
        } else {
            pending.add(e, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<InputEvent> out) throws Exception {
        InputEvent first = posting.value();
        if (first != null && time >= forgetAt(first)) {
            posting.clear();
        }
        for (InputEvent e : pending.takeInOrder(time)) {
            route(e, ctx, out);
        }
    }

    private void route(InputEvent e, Context ctx, Collector<InputEvent> out) throws Exception {
        InputEvent first = posting.value();
        if (e.type == InputType.OFFER_POSTED) {
            if (first == null) {
                InputEvent kept = e.routedTo(grid.cellOf(e.lat, e.lon));
                kept.payload = null; // only the content is compared later
                posting.update(kept);
                ctx.timerService().registerEventTimeTimer(forgetAt(kept));
                out.collect(e.routedTo(kept.cell));
            } else if (!first.sameOfferContent(e)) {
                rejections(e, ctx).inputRejected(e.offerId, e.eventTime, RejectReason.DUPLICATE_OFFER_ID, e.payload);
            }
            // the same posting again is ignored
        } else if (first == null) {
            Decisions rejected = rejections(e, ctx);
            if (e.type == InputType.OFFER_CANCELLED) {
                rejected.inputRejected(e.offerId, e.eventTime, RejectReason.UNKNOWN_OFFER, e.payload);
            } else {
                rejected.claimRejected(e.offerId, e.ngoId, e.eventTime, RejectReason.UNKNOWN_OFFER);
            }
        } else {
            out.collect(e.routedTo(first.cell));
        }
    }

    private long forgetAt(InputEvent first) {
        return first.expiresAt + policy.closedRetentionMs() + 1;
    }

    private Decisions rejections(InputEvent e, Context ctx) {
        Decisions d = metrics.emittingTo(r -> ctx.output(REJECTIONS, r));
        d.begin(Cause.input(e));
        return d;
    }
}
