package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.Cause;
import id.pahlawanpangan.core.Decisions;
import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RejectReason;
import id.pahlawanpangan.geo.CellGrid;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by offer id: where every event about one offer meets. It routes claims, pickups and
 * cancellations (which carry only the offer id) to the offer's cell, recognises repeated
 * postings, and rejects events for offers never posted.
 *
 * <p>State per offer id: the first posting (its cell, provider and content), kept until the
 * offer's expiry plus the closed-offer retention, by which time the cell has forgotten the offer
 * too.
 */
public class OfferDirectory extends OrderedInputOperator<String, InputEvent> {
    private static final long serialVersionUID = 1L;

    /** Rejections decided here: repeated postings, and events for unknown offers. */
    public static final OutputTag<MatchEvent> REJECTIONS = new OutputTag<>("directory-rejections", EventTypes.MATCH_EVENT) {};

    private final CellGrid grid;
    private final MatchPolicy policy;

    private transient ValueState<InputEvent> posting;
    private transient DecisionMetrics metrics;

    public OfferDirectory(CellGrid grid, MatchPolicy policy) {
        this.grid = grid;
        this.policy = policy;
    }

    @Override
    public void open() throws Exception {
        super.open();
        posting = getRuntimeContext().getState(StateTypes.posting());
        metrics = new DecisionMetrics(getMetricGroup());
    }

    @Override
    protected String keyOf(InputEvent e) {
        return e.offerId;
    }

    @Override
    protected void onTimer(long time) throws Exception {
        InputEvent first = posting.value();
        if (first != null && time >= forgetAt(first)) {
            posting.clear();
        }
    }

    @Override
    protected void apply(InputEvent e) throws Exception {
        InputEvent first = posting.value();
        if (e.type == InputType.OFFER_POSTED) {
            if (first == null) {
                InputEvent kept = e.routedTo(grid.cellOf(e.lat, e.lon));
                kept.payload = null; // only the content is compared later
                posting.update(kept);
                timers().registerEventTimeTimer(forgetAt(kept));
                emit(e.routedTo(kept.cell));
            } else if (!first.sameOfferContent(e)) {
                rejections(e).inputRejected(e.offerId, e.eventTime, RejectReason.DUPLICATE_OFFER_ID, e.payload);
            }
            // the same posting again is ignored
        } else if (first == null) {
            Decisions rejected = rejections(e);
            if (e.type == InputType.OFFER_CANCELLED) {
                rejected.inputRejected(e.offerId, e.eventTime, RejectReason.UNKNOWN_OFFER, e.payload);
            } else {
                rejected.claimRejected(e.offerId, e.ngoId, e.eventTime, RejectReason.UNKNOWN_OFFER);
            }
        } else {
            emit(e.routedTo(first.cell));
        }
    }

    private long forgetAt(InputEvent first) {
        return first.expiresAt + policy.closedRetentionMs() + 1;
    }

    private Decisions rejections(InputEvent e) {
        Decisions d = metrics.emittingTo(r -> emit(REJECTIONS, r, e.eventTime));
        d.begin(Cause.input(e));
        return d;
    }
}
