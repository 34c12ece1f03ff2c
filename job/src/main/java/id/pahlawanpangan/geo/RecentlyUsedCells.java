package id.pahlawanpangan.geo;

/**
 * A {@link RecentlyUsed} map keyed by S2 cell id. The ids of one level end in the same run of
 * zero bits and the cells of one country share their leading bits, so {@code Long.hashCode} and
 * HashMap's spreading leave few bits that vary: the cells of one city crowded into a few buckets
 * (tree bins, {@code Long.equals} in the matcher's profile). The id times an odd constant (the
 * 64-bit golden ratio) is kept instead: the same keys, one to one, with every bit mixed.
 */
public final class RecentlyUsedCells<V> {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final RecentlyUsed<Long, V> byMixedId;

    public RecentlyUsedCells(int capacity) {
        this.byMixedId = new RecentlyUsed<>(capacity);
    }

    public V get(long cell) {
        return byMixedId.get(cell * GOLDEN);
    }

    public void put(long cell, V value) {
        byMixedId.put(cell * GOLDEN, value);
    }

    public int size() {
        return byMixedId.size();
    }
}
