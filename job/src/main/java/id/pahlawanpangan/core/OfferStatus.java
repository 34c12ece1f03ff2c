package id.pahlawanpangan.core;

/** The offer lifecycle states of the contract (section 4). */
public enum OfferStatus {
    /** No holder: waiting for an eligible NGO. */
    OPEN,
    /** One NGO holds an exclusive claim window. */
    HELD,
    /** An NGO claimed it and is expected to pick it up. */
    CLAIMED,
    COMPLETED,
    EXPIRED,
    PICKUP_MISSED,
    CANCELLED;

    public boolean isTerminal() {
        return ordinal() >= COMPLETED.ordinal();
    }
}
