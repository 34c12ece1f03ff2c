package id.pahlawanpangan.operators;

/** What one subtask of the cell matcher holds now: its gauges, kept in operator state. */
public class ShardCounts {
    public long openOffers;
    public long heldOffers;
    public long claimedOffers;
    public long ngosKnown;

    public ShardCounts() {}

    void add(ShardCounts other) {
        openOffers += other.openOffers;
        heldOffers += other.heldOffers;
        claimedOffers += other.claimedOffers;
        ngosKnown += other.ngosKnown;
    }
}
