package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.NgoBook;
import id.pahlawanpangan.core.NgoSnapshot;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

/** A cell's NGOs in keyed state: the latest snapshot of each active NGO that can reach the cell. */
final class KeyedNgoBook implements NgoBook {
    private final MapState<String, NgoSnapshot> ngos;

    KeyedNgoBook(MapState<String, NgoSnapshot> ngos) {
        this.ngos = ngos;
    }

    @Override
    public NgoSnapshot get(String ngoId) {
        try {
            return ngos.get(ngoId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read NGO " + ngoId, e);
        }
    }

    @Override
    public void put(NgoSnapshot ngo) {
        try {
            ngos.put(ngo.ngoId, ngo);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot store NGO " + ngo.ngoId, e);
        }
    }

    @Override
    public void remove(String ngoId) {
        try {
            ngos.remove(ngoId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot remove NGO " + ngoId, e);
        }
    }

    @Override
    public Iterable<NgoSnapshot> all() {
        try {
            return ngos.values();
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read NGOs", e);
        }
    }
}
