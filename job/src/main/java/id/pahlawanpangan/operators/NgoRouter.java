package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.core.NgoSnapshot;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.geo.CellGrid;
import java.util.Arrays;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;

/**
 * Keyed by NGO id: copies each availability snapshot to every cell the NGO's outer (tier 2) disk
 * touches, and to the cells its previous snapshot touched but this one does not, as an inactive
 * copy, so that they drop it. Snapshots are applied in event time order; one older than the
 * snapshot held is ignored (contract section 1), and one that repeats it (all but its time) goes
 * no further.
 *
 * <p>State per NGO: its latest snapshot (kept while the job runs: one per NGO ever seen).
 */
public class NgoRouter extends OrderedInputOperator<String, InputEvent> {
    private static final long serialVersionUID = 1L;

    private final CellGrid grid;
    private final MatchPolicy policy;

    private transient ValueState<NgoSnapshot> latest;
    private transient Counter staleSnapshots;
    private transient Counter repeatedSnapshots;

    public NgoRouter(CellGrid grid, MatchPolicy policy) {
        this.grid = grid;
        this.policy = policy;
    }

    @Override
    public void open() throws Exception {
        super.open();
        latest = getRuntimeContext().getState(StateTypes.latestSnapshot());
        staleSnapshots = getMetricGroup().addGroup(PanganMetrics.GROUP).counter("staleSnapshots");
        repeatedSnapshots = getMetricGroup().addGroup(PanganMetrics.GROUP).counter("repeatedSnapshots");
    }

    @Override
    protected String keyOf(InputEvent e) {
        return e.ngoId;
    }

    @Override
    protected void apply(InputEvent snapshot) throws Exception {
        NgoSnapshot previous = latest.value();
        if (previous != null && snapshot.eventTime < previous.eventTime) {
            staleSnapshots.inc();
            return;
        }
        if (previous != null && previous.sameAvailability(snapshot)) {
            // NGOs re-send their availability unchanged; the cells hold it already, and it can
            // change no decision there: an open offer it could serve would have gone to it when
            // the same snapshot first arrived, or at the offer's last proposal since. Only its
            // time moves on, for the check above.
            repeatedSnapshots.inc();
            latest.update(NgoSnapshot.of(snapshot));
            return;
        }
        long[] cells = grid.cellsTouching(snapshot.lat, snapshot.lon, policy.outerRadiusKm(snapshot.radiusKm));
        for (long cell : cells) {
            emit(snapshot.routedTo(cell));
        }
        if (previous != null) {
            for (long cell : grid.cellsTouching(previous.lat, previous.lon, policy.outerRadiusKm(previous.radiusKm))) {
                if (Arrays.binarySearch(cells, cell) < 0) {
                    // out of reach now: to that cell the NGO is as good as inactive
                    InputEvent leaving = snapshot.routedTo(cell);
                    leaving.active = false;
                    emit(leaving);
                }
            }
        }
        latest.update(NgoSnapshot.of(snapshot));
    }
}
