package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.workload.LookupWorkload;
import java.util.List;

/**
 * What every peer is loaded with and asked: the generator's NGOs, and lookup points that are the
 * generator's offers (where they are posted, how much they weigh), the same for every peer.
 *
 * @param ngos the NGOs' availability snapshots
 * @param lookups the offers whose candidates are looked up, one chosen at random per lookup
 * @param reachKm how far the farthest-reaching NGO serves: what a spatial search must cover
 */
public record PeerWorkload(List<InputEvent> ngos, List<InputEvent> lookups, double reachKm) {
    /** Lookup points: enough that repeated points do not let caches flatter a peer. */
    static final int LOOKUPS = 10_000;
    private static final long SEED = 42;

    public static PeerWorkload of(int ngoCount) {
        List<InputEvent> ngos = LookupWorkload.ngos(ngoCount, SEED);
        double reach = ngos.stream().mapToDouble(n -> n.radiusKm).max().orElseThrow();
        return new PeerWorkload(ngos, LookupWorkload.offers(LOOKUPS, SEED + 1), reach);
    }
}
