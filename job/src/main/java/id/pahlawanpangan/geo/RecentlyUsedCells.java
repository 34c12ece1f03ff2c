package id.pahlawanpangan.geo;

/**
 * A {@link RecentlyUsed} map keyed by S2 cell id. The ids of one level end in the same run of
 * zero bits, and {@code Long.hashCode} folds those onto the position bits, so the cells of one
 * city crowded into a few buckets (tree bins, {@code Long.equals} in the matcher's profile). The
 * bit-reversed id is kept instead: the same keys, one to one, with the varying bits low.
 */
public final class RecentlyUsedCells<V> {
    private final RecentlyUsed<Long, V> byReversedId;

    public RecentlyUsedCells(int capacity) {
        this.byReversedId = new RecentlyUsed<>(capacity);
    }

    public V get(long cell) {
        return byReversedId.get(Long.reverse(cell));
    }

    public void put(long cell, V value) {
        byReversedId.put(Long.reverse(cell), value);
    }

    public int size() {
        return byReversedId.size();
    }
}
