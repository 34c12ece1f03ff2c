package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.NgoBook;
import id.pahlawanpangan.core.NgoSnapshot;
import id.pahlawanpangan.core.NgoTable;
import id.pahlawanpangan.geo.RecentlyUsedCells;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * A cell's NGOs: the latest snapshot of each active NGO that can reach the cell, in keyed state.
 *
 * <p>Every posting and every proposal ranks all of a cell's NGOs; reading them all from RocksDB
 * each time would cost one deserialisation per NGO per decision. So the NGOs of recently used
 * cells are also kept in memory, as the ranking reads them ({@link NgoTable}), written through
 * on every change. The keyed state stays the truth: the cache starts empty after a restore or a
 * rescale and fills from it.
 */
final class KeyedNgoBook implements NgoBook {
    /** Cells whose NGOs stay in memory per subtask; the least recently used beyond it are dropped. */
    static final int CACHED_CELLS = 4096;

    private final MapState<String, NgoSnapshot> ngos;
    private final RecentlyUsedCells<NgoTable> cache = new RecentlyUsedCells<>(CACHED_CELLS);
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
    public NgoTable all() {
        return cached();
    }

    private NgoTable cached() {
        NgoTable inCell = cache.get(cell);
        if (inCell == null) {
            inCell = new NgoTable();
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
