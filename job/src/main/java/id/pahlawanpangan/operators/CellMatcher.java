package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.CellDesk;
import id.pahlawanpangan.core.Decisions;
import id.pahlawanpangan.core.OfferLifecycle;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;

/**
 * Keyed by S2 cell: the offers of one cell and the NGOs that can reach it, where the decisions are
 * made. A thin shell around {@link CellDesk}, given the inputs in the contract's order by {@link
 * OrderedInputOperator}, and the offers' timers as they come due.
 *
 * <p>State per cell, and when it goes: live offers (until they close); tombstones of closed
 * offers (until the retention passes); the open-offer and due-time indexes (with their offers);
 * NGO snapshots (replaced by newer ones, removed when the NGO goes inactive or out of reach).
 */
public class CellMatcher extends OrderedInputOperator<Long, MatchEvent> {
    private static final long serialVersionUID = 1L;

    private final OfferLifecycle lifecycle;

    private transient KeyedOfferBook offers;
    private transient KeyedNgoBook ngos;
    private transient CellDesk desk;
    private transient Decisions decisions;
    private transient ShardGauges gauges;
    private transient ListState<ShardCounts> savedGauges;

    public CellMatcher(OfferLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        gauges = new ShardGauges();
        savedGauges = context.getOperatorStateStore().getListState(ShardGauges.STATE);
        gauges.restore(savedGauges.get());
        super.initializeState(context);
    }

    @Override
    public void open() throws Exception {
        super.open();
        offers = new KeyedOfferBook(
                getRuntimeContext().getMapState(StateTypes.liveOffers()),
                getRuntimeContext().getMapState(StateTypes.openOffers()),
                getRuntimeContext().getMapState(StateTypes.closedOffers()),
                getRuntimeContext().getMapState(StateTypes.dueOffers()),
                timers());
        gauges.register(getMetricGroup());
        ngos = new KeyedNgoBook(getRuntimeContext().getMapState(StateTypes.cellNgos()), gauges::ngosChanged);
        desk = new CellDesk(lifecycle, offers, ngos, gauges);
        decisions = new DecisionMetrics(getMetricGroup()).emittingTo(this::emit);
    }

    @Override
    protected Long keyOf(InputEvent e) {
        return e.cell;
    }

    @Override
    protected void apply(InputEvent e) {
        bindCell();
        desk.apply(e, decisions);
    }

    @Override
    protected void onTimer(long time) throws Exception {
        bindCell();
        for (String offerId : offers.takeDue(time)) {
            desk.timerDue(offerId, time, decisions);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        gauges.snapshot(savedGauges);
    }

    private void bindCell() {
        long cell = (Long) getCurrentKey();
        offers.bind(cell);
        ngos.bind(cell);
    }
}
