package id.pahlawanpangan.core;

/** Where one shard keeps the latest snapshot of each NGO that may serve its offers. */
public interface NgoBook {
    NgoSnapshot get(String ngoId);

    void put(NgoSnapshot ngo);

    void remove(String ngoId);

    /** Every NGO held, as the ranking reads them (in any order: ranking does not depend on it). */
    NgoTable all();
}
