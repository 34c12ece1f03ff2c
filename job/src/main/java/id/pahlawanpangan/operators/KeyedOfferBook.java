package id.pahlawanpangan.operators;

import id.pahlawanpangan.geo.RecentlyUsedCells;
import id.pahlawanpangan.core.OfferBook;
import id.pahlawanpangan.core.OfferState;
import id.pahlawanpangan.core.OfferStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * A cell's offers in keyed state. Open offers are kept apart from the other live ones, so that
 * an NGO snapshot reads only the offers it might serve; and since every snapshot copied to a cell
 * reads them, those of recently used cells are also kept in memory, written through on every
 * change (reading them from RocksDB each time meant an iterator seek over the deletions that
 * every proposal leaves behind, the costliest call of the job). The keyed state stays the truth:
 * the cache starts empty after a restore and fills from it. Each live offer and each tombstone has
 * one entry in a due index (time to offer ids) and shares one event time timer per distinct time
 * with the other offers of the cell; the timer is deleted when no offer needs it.
 */
final class KeyedOfferBook implements OfferBook {
    /** Cells whose open offers stay in memory per subtask; the least recently used beyond it are dropped. */
    static final int CACHED_CELLS = 4096;

    /** Live offers that are HELD or CLAIMED. */
    private final MapState<String, OfferState> live;
    /** Live offers that are OPEN. */
    private final MapState<String, OfferState> open;
    private final MapState<String, Long> closed;
    private final MapState<Long, String[]> due;
    private final TimerService timers;
    private final RecentlyUsedCells<Map<String, OfferState>> openByCell = new RecentlyUsedCells<>(CACHED_CELLS);
    private long cell;

    KeyedOfferBook(MapState<String, OfferState> live, MapState<String, OfferState> open, MapState<String, Long> closed,
                   MapState<Long, String[]> due, TimerService timers) {
        this.live = live;
        this.open = open;
        this.closed = closed;
        this.due = due;
        this.timers = timers;
    }

    /** The cell of the call being handled (the current key). */
    void bind(long currentCell) {
        this.cell = currentCell;
    }

    /** Removes and returns the offers due at this time, sorted by id. */
    String[] takeDue(long time) throws Exception {
        String[] ids = due.get(time);
        if (ids == null) {
            return new String[0];
        }
        due.remove(time);
        Arrays.sort(ids);
        return ids;
    }

    @Override
    public OfferState live(String offerId) {
        try {
            OfferState waiting = openOffers().get(offerId);
            return waiting != null ? waiting : live.get(offerId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read offer " + offerId, e);
        }
    }

    @Override
    public void saveLive(OfferState offer, long previousTimerAt, long nextTimerAt) {
        try {
            Map<String, OfferState> waiting = openOffers();
            if (offer.status == OfferStatus.OPEN) {
                open.put(offer.offerId, offer);
                if (waiting.put(offer.offerId, offer) == null) {
                    live.remove(offer.offerId); // held until now, or new
                }
            } else {
                live.put(offer.offerId, offer);
                if (waiting.remove(offer.offerId) != null) {
                    open.remove(offer.offerId);
                }
            }
            moveTimer(offer.offerId, previousTimerAt, nextTimerAt);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot store offer " + offer.offerId, e);
        }
    }

    @Override
    public void close(OfferState offer, long previousTimerAt, long forgetAt) {
        try {
            if (openOffers().remove(offer.offerId) != null) {
                open.remove(offer.offerId);
            } else {
                live.remove(offer.offerId);
            }
            closed.put(offer.offerId, offer.closedAt);
            moveTimer(offer.offerId, previousTimerAt, forgetAt);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot close offer " + offer.offerId, e);
        }
    }

    @Override
    public boolean isClosed(String offerId) {
        try {
            return closed.contains(offerId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read tombstone " + offerId, e);
        }
    }

    @Override
    public void forgetClosed(String offerId) {
        try {
            closed.remove(offerId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot remove tombstone " + offerId, e);
        }
    }

    @Override
    public List<OfferState> openOffersInPostingOrder(Predicate<OfferState> which) {
        List<OfferState> offers = null;
        for (OfferState s : openOffers().values()) {
            if (which.test(s)) {
                if (offers == null) {
                    offers = new ArrayList<>(4);
                }
                offers.add(s);
            }
        }
        if (offers == null) {
            return List.of();
        }
        offers.sort(OfferState.POSTING_ORDER);
        return offers;
    }

    /** The open offers of the current cell, from memory, read from state the first time. */
    private Map<String, OfferState> openOffers() {
        Map<String, OfferState> inCell = openByCell.get(cell);
        if (inCell == null) {
            inCell = new HashMap<>();
            try {
                for (Map.Entry<String, OfferState> e : open.entries()) {
                    inCell.put(e.getKey(), e.getValue());
                }
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot read the open offers of cell " + cell, e);
            }
            openByCell.put(cell, inCell);
        }
        return inCell;
    }

    private void moveTimer(String offerId, long from, long to) throws Exception {
        if (from == to) {
            return;
        }
        if (from != Long.MAX_VALUE) {
            unschedule(offerId, from);
        }
        if (to != Long.MAX_VALUE) {
            schedule(offerId, to);
        }
    }

    private void schedule(String offerId, long at) throws Exception {
        String[] ids = due.get(at);
        if (ids == null) {
            due.put(at, new String[] {offerId});
        } else if (!Arrays.asList(ids).contains(offerId)) {
            String[] grown = Arrays.copyOf(ids, ids.length + 1);
            grown[ids.length] = offerId;
            due.put(at, grown);
        }
        timers.registerEventTimeTimer(at);
    }

    private void unschedule(String offerId, long at) throws Exception {
        String[] ids = due.get(at);
        if (ids == null) {
            return;
        }
        String[] rest = Arrays.stream(ids).filter(id -> !id.equals(offerId)).toArray(String[]::new);
        if (rest.length > 0) {
            due.put(at, rest);
        } else {
            due.remove(at);
            timers.deleteEventTimeTimer(at);
        }
    }
}
