package id.pahlawanpangan.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The NGOs of one shard, as the ranking reads them: every posting and every proposal looks at
 * each of them, so what it reads of an NGO is kept in arrays by slot (columns) rather than behind
 * a reference to each snapshot, and the ranking runs over memory in order. A new snapshot of an
 * NGO replaces it in its slot and a leaving NGO's slot takes the last one, so a change costs O(1):
 * NGO snapshots arrive far more often than a shard's set of NGOs changes. The order of the slots
 * is of no consequence: ranking is total (tier, distance, NGO id).
 *
 * <p>Not thread-safe: it belongs to one shard's task.
 */
public final class NgoTable {
    static final int ACTIVE = 1;
    static final int HALAL_ONLY = 2;
    static final int VEGETARIAN_ONLY = 4;
    static final int COLD_CHAIN = 8;

    private final Map<String, Integer> slots = new HashMap<>();
    private NgoSnapshot[] ngos = new NgoSnapshot[8];
    private int size;

    // the columns the ranking reads, by slot
    double[] lat = new double[8];
    double[] lon = new double[8];
    double[] capacityKg = new double[8];
    int[] accepts = new int[8];
    /** {@link #ACTIVE}, {@link #HALAL_ONLY}, {@link #VEGETARIAN_ONLY}, {@link #COLD_CHAIN}. */
    byte[] flags = new byte[8];

    /**
     * Derived by the {@link Eligibility} that ranks with this table: each slot's radii as the
     * ranking compares them, NaN in {@code outerKm} until worked out for the snapshot in the slot.
     */
    Object reachOf;
    double[] outerKm = new double[8];
    double[] radiusH = new double[8];
    double[] outerH = new double[8];

    /** A table of these NGOs (one snapshot each). */
    public static NgoTable of(Iterable<NgoSnapshot> ngos) {
        NgoTable table = new NgoTable();
        for (NgoSnapshot ngo : ngos) {
            table.put(ngo);
        }
        return table;
    }

    public NgoSnapshot get(String ngoId) {
        Integer slot = slots.get(ngoId);
        return slot == null ? null : ngos[slot];
    }

    /** Puts the NGO's snapshot in place of its previous one; returns that one, or null when the NGO is new here. */
    public NgoSnapshot put(NgoSnapshot ngo) {
        Integer slot = slots.get(ngo.ngoId);
        if (slot != null) {
            NgoSnapshot replaced = ngos[slot];
            fill(slot, ngo);
            return replaced;
        }
        if (size == ngos.length) {
            grow();
        }
        slots.put(ngo.ngoId, size);
        fill(size++, ngo);
        return null;
    }

    /** Removes the NGO; returns its snapshot, or null when it was not here. */
    public NgoSnapshot remove(String ngoId) {
        Integer slot = slots.remove(ngoId);
        if (slot == null) {
            return null;
        }
        NgoSnapshot removed = ngos[slot];
        int last = --size;
        if (slot != last) {
            fill(slot, ngos[last]);
            outerKm[slot] = outerKm[last];
            radiusH[slot] = radiusH[last];
            outerH[slot] = outerH[last];
            slots.put(ngos[slot].ngoId, slot);
        }
        ngos[last] = null;
        return removed;
    }

    public int size() {
        return size;
    }

    /** The snapshot in a slot (0 to {@link #size()} - 1). */
    public NgoSnapshot at(int slot) {
        return ngos[Objects.checkIndex(slot, size)];
    }

    /** The snapshot's booleans as the ranking tests them: {@link #ACTIVE}, {@link #HALAL_ONLY}, ... */
    static byte flagsOf(NgoSnapshot ngo) {
        return (byte) ((ngo.active ? ACTIVE : 0) | (ngo.halalOnly ? HALAL_ONLY : 0)
                | (ngo.vegetarianOnly ? VEGETARIAN_ONLY : 0) | (ngo.hasColdChain ? COLD_CHAIN : 0));
    }

    private void fill(int slot, NgoSnapshot ngo) {
        ngos[slot] = ngo;
        lat[slot] = ngo.lat;
        lon[slot] = ngo.lon;
        capacityKg[slot] = ngo.capacityKg;
        accepts[slot] = ngo.accepts;
        flags[slot] = flagsOf(ngo);
        outerKm[slot] = Double.NaN;
    }

    private void grow() {
        int capacity = ngos.length * 2;
        ngos = Arrays.copyOf(ngos, capacity);
        lat = Arrays.copyOf(lat, capacity);
        lon = Arrays.copyOf(lon, capacity);
        capacityKg = Arrays.copyOf(capacityKg, capacity);
        accepts = Arrays.copyOf(accepts, capacity);
        flags = Arrays.copyOf(flags, capacity);
        outerKm = Arrays.copyOf(outerKm, capacity);
        radiusH = Arrays.copyOf(radiusH, capacity);
        outerH = Arrays.copyOf(outerH, capacity);
    }
}
