package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.CellDesk;
import id.pahlawanpangan.core.OfferStatus;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;

/**
 * Gauges of what a subtask holds: {@code openOffers}, {@code heldOffers}, {@code claimedOffers}
 * and {@code ngosKnown} (NGO snapshots over all its cells). Kept up to date from status changes,
 * and in operator state, so that they survive restarts; after a rescale each subtask's value is
 * off but their sum, which dashboards show, stays right.
 */
final class ShardGauges implements CellDesk.StatusChanges {
    static final ListStateDescriptor<ShardCounts> STATE = new ListStateDescriptor<>("shard-counts", Types.POJO(ShardCounts.class));

    private ShardCounts counts = new ShardCounts();

    void register(MetricGroup operatorGroup) {
        MetricGroup g = operatorGroup.addGroup(PanganMetrics.GROUP);
        g.gauge("openOffers", () -> counts.openOffers);
        g.gauge("heldOffers", () -> counts.heldOffers);
        g.gauge("claimedOffers", () -> counts.claimedOffers);
        g.gauge("ngosKnown", () -> counts.ngosKnown);
    }

    @Override
    public void changed(OfferStatus from, OfferStatus to) {
        add(from, -1);
        add(to, 1);
    }

    void ngosChanged(int delta) {
        counts.ngosKnown += delta;
    }

    private void add(OfferStatus status, int delta) {
        if (status == null) {
            return;
        }
        switch (status) {
            case OPEN:
                counts.openOffers += delta;
                break;
            case HELD:
                counts.heldOffers += delta;
                break;
            case CLAIMED:
                counts.claimedOffers += delta;
                break;
            default:
                break;
        }
    }

    void restore(Iterable<ShardCounts> saved) {
        ShardCounts total = new ShardCounts();
        saved.forEach(total::add);
        counts = total;
    }

    void snapshot(ListState<ShardCounts> state) throws Exception {
        state.update(List.of(counts));
    }
}
