package id.pahlawanpangan.geo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps only its most recently used entries: the in-memory copies that spare the hot
 * path a recomputation or a state read (coverings, a cell's NGOs, a cell's open offers). Not
 * thread-safe: each belongs to one task.
 */
public final class RecentlyUsed<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    private final int capacity;

    public RecentlyUsed(int capacity) {
        super(256, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
