package id.pahlawanpangan.core;

import java.util.List;
import java.util.function.Predicate;

/**
 * Where one shard keeps its offers: live offers, tombstones of closed ones, and when each needs
 * its next timer. The sequential reference keeps them in maps, the Flink cell operator in keyed
 * state; {@link CellDesk} decides what to store.
 */
public interface OfferBook {
    /** The live (not closed) offer, or null. */
    OfferState live(String offerId);

    /**
     * Stores a live offer and moves its timer from {@code previousTimerAt} to {@code nextTimerAt}
     * ({@link Long#MAX_VALUE} meaning none).
     */
    void saveLive(OfferState offer, long previousTimerAt, long nextTimerAt);

    /**
     * Replaces a live offer by its tombstone, whose removal is due at {@code forgetAt}; the
     * offer's timer at {@code previousTimerAt} is no longer needed.
     */
    void close(OfferState offer, long previousTimerAt, long forgetAt);

    boolean isClosed(String offerId);

    /** Removes a tombstone whose retention has passed. */
    void forgetClosed(String offerId);

    /**
     * The live offers that are OPEN and that {@code which} accepts, by posting time, then id. The
     * filter runs before the sort: an NGO snapshot copied to a cell concerns few of its open offers.
     */
    List<OfferState> openOffersInPostingOrder(Predicate<OfferState> which);
}
