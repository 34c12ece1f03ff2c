package id.pahlawanpangan.operators;

import id.pahlawanpangan.geo.RecentlyUsed;
import id.pahlawanpangan.core.NgoBook;
import id.pahlawanpangan.core.NgoSnapshot;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<Long, CellNgos> cache = new RecentlyUsed<>(CACHED_CELLS);
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

    /** One cell's NGOs in memory: by id, and as an array for the ranking scans, rebuilt after a change. */
    private static final class CellNgos {
        final Map<String, NgoSnapshot> byId = new HashMap<>();
        private List<NgoSnapshot> scan;

        List<NgoSnapshot> scan() {
            if (scan == null) {
                scan = Arrays.asList(byId.values().toArray(new NgoSnapshot[0]));
            }
            return scan;
        }

        NgoSnapshot put(NgoSnapshot ngo) {
            scan = null;
            return byId.put(ngo.ngoId, ngo);
        }

        NgoSnapshot remove(String ngoId) {
            NgoSnapshot removed = byId.remove(ngoId);
            if (removed != null) {
                scan = null;
            }
            return removed;
        }
    }

    @Override
    public NgoSnapshot get(String ngoId) {
        return cached().byId.get(ngoId);
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
