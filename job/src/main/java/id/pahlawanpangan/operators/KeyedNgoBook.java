package id.pahlawanpangan.operators;

import id.pahlawanpangan.geo.RecentlyUsedCells;
import id.pahlawanpangan.core.NgoBook;
import id.pahlawanpangan.core.NgoSnapshot;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * A cell's NGOs: the latest snapshot of each active NGO that can reach the cell, in keyed state.
 *
 * <p>Every posting and every proposal ranks all of a cell's NGOs; reading them all from RocksDB
 * each time would cost one deserialisation per NGO per decision. So the NGOs of recently used
 * cells are also kept in memory, written through on every change. The keyed state stays the
 * truth: the cache starts empty after a restore or a rescale and fills from it.
 */
final class KeyedNgoBook implements NgoBook {
    /** Cells whose NGOs stay in memory per subtask; the least recently used beyond it are dropped. */
    static final int CACHED_CELLS = 4096;

    private final MapState<String, NgoSnapshot> ngos;
    private final RecentlyUsedCells<CellNgos> cache = new RecentlyUsedCells<>(CACHED_CELLS);
    private final IntConsumer countChanges;
    private long cell;

    /** {@code countChanges} hears +1 for each NGO added to a cell, -1 for each removed. */
    KeyedNgoBook(MapState<String, NgoSnapshot> ngos, IntConsumer countChanges) {
        this.ngos = ngos;
        this.countChanges = countChanges;
    }

    /** The cell of the call being handled (the current key). */
    void bind(long currentCell) {
        this.cell = currentCell;
    }

    /**
     * One cell's NGOs in memory, in an array for the ranking scans with each NGO's slot by id. A
     * new snapshot of an NGO replaces it in its slot and a leaving NGO's slot takes the last one,
     * so a change costs O(1): NGO snapshots arrive far more often than the cell's set of NGOs
     * changes, and rebuilding the array after each was the matcher's largest cost. The order of
     * the array is of no consequence: ranking is total (tier, distance, NGO id).
     */
    private static final class CellNgos {
        private final Map<String, Integer> slots = new HashMap<>();
        private NgoSnapshot[] ngos = new NgoSnapshot[8];
        private int size;
        private final List<NgoSnapshot> scan = new AbstractList<>() {
            @Override
            public NgoSnapshot get(int index) {
                return ngos[Objects.checkIndex(index, size)];
            }

            @Override
            public int size() {
                return size;
            }
        };

        NgoSnapshot get(String ngoId) {
            Integer slot = slots.get(ngoId);
            return slot == null ? null : ngos[slot];
        }

        /** A view that follows later changes: rank with it, do not keep it. */
        List<NgoSnapshot> scan() {
            return scan;
        }

        NgoSnapshot put(NgoSnapshot ngo) {
            Integer slot = slots.get(ngo.ngoId);
            if (slot != null) {
                NgoSnapshot replaced = ngos[slot];
                ngos[slot] = ngo;
                return replaced;
            }
            if (size == ngos.length) {
                ngos = Arrays.copyOf(ngos, size * 2);
            }
            ngos[size] = ngo;
            slots.put(ngo.ngoId, size++);
            return null;
        }

        NgoSnapshot remove(String ngoId) {
            Integer slot = slots.remove(ngoId);
            if (slot == null) {
                return null;
            }
            NgoSnapshot removed = ngos[slot];
            int last = --size;
            if (slot != last) {
                ngos[slot] = ngos[last];
                slots.put(ngos[slot].ngoId, slot);
            }
            ngos[last] = null;
            return removed;
        }
    }

    @Override
    public NgoSnapshot get(String ngoId) {
        return cached().get(ngoId);
    }

    @Override
    public void put(NgoSnapshot ngo) {
        try {
            ngos.put(ngo.ngoId, ngo);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot store NGO " + ngo.ngoId, e);
        }
        if (cached().put(ngo) == null) {
            countChanges.accept(1);
        }
    }

    @Override
    public void remove(String ngoId) {
        if (cached().remove(ngoId) == null) {
            return; // not here: the memory holds all of the cell's NGOs, and a deletion in RocksDB is not free
        }
        countChanges.accept(-1);
        try {
            ngos.remove(ngoId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot remove NGO " + ngoId, e);
        }
    }

    @Override
    public Iterable<NgoSnapshot> all() {
        return cached().scan();
    }

    private CellNgos cached() {
        CellNgos inCell = cache.get(cell);
        if (inCell == null) {
            inCell = new CellNgos();
            try {
                for (Map.Entry<String, NgoSnapshot> e : ngos.entries()) {
                    inCell.put(e.getValue());
                }
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot read the NGOs of cell " + cell, e);
            }
            cache.put(cell, inCell);
        }
        return inCell;
    }
}
