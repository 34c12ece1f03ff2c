package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.OfferBook;
import id.pahlawanpangan.core.OfferState;
import id.pahlawanpangan.core.OfferStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * A cell's offers in keyed state. Open offers are kept apart from the other live ones, so that
 * an NGO snapshot reads only the offers it might serve. Each live offer and each tombstone has
 * one entry in a due index (time to offer ids) and shares one event time timer per distinct time
 * with the other offers and the buffered inputs of the cell; the timer is deleted when nothing
 * needs it.
 */
final class KeyedOfferBook implements OfferBook {
    /** Live offers that are HELD or CLAIMED. */
    private final MapState<String, OfferState> live;
    /** Live offers that are OPEN. */
    private final MapState<String, OfferState> open;
    private final MapState<String, Long> closed;
    private final MapState<Long, String[]> due;
    private final EventTimeBuffer pending;
    private TimerService timers;

    KeyedOfferBook(MapState<String, OfferState> live, MapState<String, OfferState> open, MapState<String, Long> closed,
                   MapState<Long, String[]> due, EventTimeBuffer pending) {
        this.live = live;
        this.open = open;
        this.closed = closed;
        this.due = due;
        this.pending = pending;
    }

    /** The timer service of the call being handled. */
    void bind(TimerService timers) {
        this.timers = timers;
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
            OfferState held = live.get(offerId);
            return held != null ? held : open.get(offerId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read offer " + offerId, e);
        }
    }

    @Override
    public void saveLive(OfferState offer, long previousTimerAt, long nextTimerAt) {
        try {
            if (offer.status == OfferStatus.OPEN) {
                open.put(offer.offerId, offer);
                live.remove(offer.offerId);
            } else {
                live.put(offer.offerId, offer);
                open.remove(offer.offerId);
            }
            moveTimer(offer.offerId, previousTimerAt, nextTimerAt);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot store offer " + offer.offerId, e);
        }
    }

    @Override
    public void close(OfferState offer, long previousTimerAt, long forgetAt) {
        try {
            live.remove(offer.offerId);
            open.remove(offer.offerId);
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
    public List<OfferState> openOffersInPostingOrder() {
        try {
            List<OfferState> offers = new ArrayList<>();
            open.values().forEach(offers::add);
            offers.sort(OfferState.POSTING_ORDER);
            return offers;
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read open offers", e);
        }
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
            if (!pending.holdsEventsAt(at)) {
                timers.deleteEventTimeTimer(at);
            }
        }
    }
}
