package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.geo.GreatCircle;
import id.pahlawanpangan.workload.LookupWorkload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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
    /** Candidates one lookup returns, nearest first. */
    static final int ANSWERS = 5;
    /** Lookups whose answers are checked before a peer is measured. */
    static final int SAMPLE = 200;
    private static final long SEED = 42;

    public static PeerWorkload of(int ngoCount) {
        List<InputEvent> ngos = LookupWorkload.ngos(ngoCount, SEED);
        double reach = ngos.stream().mapToDouble(n -> n.radiusKm).max().orElseThrow();
        return new PeerWorkload(ngos, LookupWorkload.offers(LOOKUPS, SEED + 1), reach);
    }

    /**
     * The answer a lookup should give, worked out here the slow way: the NGOs whose own radius
     * reaches the offer by the contract's distance and that have room for it, nearest first
     * (then by id), at most {@link #ANSWERS}.
     */
    List<String> expectedAnswer(int lookup) {
        InputEvent offer = lookups.get(lookup);
        record Reach(String ngoId, double km) {}
        List<Reach> reaching = new ArrayList<>();
        for (InputEvent n : ngos) {
            double km = GreatCircle.distanceKm(offer.lat, offer.lon, n.lat, n.lon);
            if (km <= n.radiusKm && n.capacityKg >= offer.quantityKg) {
                reaching.add(new Reach(n.ngoId, km));
            }
        }
        return reaching.stream().sorted(Comparator.comparingDouble(Reach::km).thenComparing(Reach::ngoId))
                .limit(ANSWERS).map(Reach::ngoId).toList();
    }

    /** How one peer answers one lookup (by the lookup's index). */
    interface Answers {
        List<String> of(int lookup) throws Exception;
    }

    /** The first {@link #SAMPLE} lookups asked of a peer and checked against {@link #expectedAnswer}: a line for the notes. */
    String check(String peer, Answers answers) throws Exception {
        int same = 0;
        int withCandidate = 0;
        for (int i = 0; i < SAMPLE; i++) {
            List<String> expected = expectedAnswer(i);
            same += expected.equals(answers.of(i)) ? 1 : 0;
            withCandidate += expected.isEmpty() ? 0 : 1;
        }
        return String.format(Locale.ROOT, "%s, %d NGOs: %d of %d sample lookups gave the expected candidates (%d of the %d have any)",
                peer, ngos.size(), same, SAMPLE, withCandidate, SAMPLE);
    }
}
