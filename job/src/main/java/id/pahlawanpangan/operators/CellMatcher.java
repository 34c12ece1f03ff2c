package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.CellDesk;
import id.pahlawanpangan.core.Decisions;
import id.pahlawanpangan.core.OfferLifecycle;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by S2 cell: the offers of one cell and the NGOs that can reach it, where the decisions are
 * made. A thin shell around {@link CellDesk}: it buffers inputs until the watermark passes them,
 * and at each event time fires first the offers' timers due then, then that time's inputs in
 * the contract's order (section 2).
 *
 * <p>State per cell, and when it goes: live offers (until they close); tombstones of closed
 * offers (until the retention passes); the open-offer and due-time indexes (with their offers);
 * NGO snapshots (replaced by newer ones, removed when the NGO goes inactive or out of reach);
 * inputs waiting for the watermark (until released).
 */
public class CellMatcher extends KeyedProcessFunction<Long, InputEvent, MatchEvent> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final OfferLifecycle lifecycle;

    private transient EventTimeBuffer pending;
    private transient KeyedOfferBook offers;
    private transient KeyedNgoBook ngos;
    private transient CellDesk desk;
    private transient Counter lateEvents;
    private transient DecisionMetrics metrics;
    private transient ShardGauges gauges;
    private transient ListState<ShardCounts> savedGauges;

    public CellMatcher(OfferLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = new EventTimeBuffer(getRuntimeContext().getMapState(StateTypes.pendingInputs()));
        offers = new KeyedOfferBook(
                getRuntimeContext().getMapState(StateTypes.liveOffers()),
                getRuntimeContext().getMapState(StateTypes.openOffers()),
                getRuntimeContext().getMapState(StateTypes.closedOffers()),
                getRuntimeContext().getMapState(StateTypes.dueOffers()),
                pending);
        gauges.register(getRuntimeContext().getMetricGroup());
        ngos = new KeyedNgoBook(getRuntimeContext().getMapState(StateTypes.cellNgos()), gauges::ngosChanged);
        desk = new CellDesk(lifecycle, offers, ngos, gauges);
        lateEvents = getRuntimeContext().getMetricGroup().addGroup(PanganMetrics.GROUP).counter("lateEvents");
        metrics = new DecisionMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(InputEvent e, Context ctx, Collector<MatchEvent> out) throws Exception {
        if (EventTimeBuffer.isLate(e, ctx.timerService())) {
            // it can no longer be ordered among its peers: applied now, and counted
            lateEvents.inc();
            bind(ctx);
            desk.apply(e, decisions(out));
        } else {
            pending.add(e, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<MatchEvent> out) throws Exception {
        bind(ctx);
        Decisions decisions = decisions(out);
        // at equal time, the offers' timers fire before the inputs
        for (String offerId : offers.takeDue(time)) {
            desk.timerDue(offerId, time, decisions);
        }
        for (InputEvent e : pending.takeInOrder(time)) {
            desk.apply(e, decisions);
        }
    }

    private Decisions decisions(Collector<MatchEvent> out) {
        return metrics.emittingTo(out::collect);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        gauges = new ShardGauges();
        savedGauges = context.getOperatorStateStore().getListState(ShardGauges.STATE);
        gauges.restore(savedGauges.get());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        gauges.snapshot(savedGauges);
    }

    private void bind(Context ctx) {
        offers.bind(ctx.timerService());
        ngos.bind(ctx.getCurrentKey());
    }
}
