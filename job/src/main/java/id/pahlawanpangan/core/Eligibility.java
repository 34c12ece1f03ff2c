package id.pahlawanpangan.core;

import id.pahlawanpangan.geo.GreatCircle;
import java.io.Serializable;

/**
 * Contract section 3: whether an NGO may be proposed an offer, and how it ranks.
 *
 * <p>Every posting and every proposal ranks all of a cell's NGOs, so the ranking avoids the
 * arcsine of the distance, the costliest step of it: it compares the haversines of distances
 * instead (the distance grows with them), and takes the arcsine only where two haversines are
 * too close for their order to be certain, and for the winner. Bounds are checked with a margin
 * far above the rounding of either side, so that the result is always the one the distances
 * themselves give.
 */
public final class Eligibility implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Relative margin on haversines: far above their rounding (1e-16), far below any real difference. */
    private static final double MARGIN = 1e-7;
    /** Where nothing is certain without the distance itself. */
    private static final int UNSURE = 0;
    private static final int BEYOND_REACH = 3;

    /** Slots of the cache of reaches by radius: NGOs' radii take few distinct values. */
    private static final int REACHES = 64;

    private final MatchPolicy policy;
    /**
     * Derived from the policy, by radius: direct-mapped, a slot holds the radius last seen there.
     * Shared use is harmless: a reach is immutable and checked against the radius it is asked for.
     */
    private transient Reach[] reaches;

    public Eligibility(MatchPolicy policy) {
        this.policy = policy;
    }

    /** Whether the NGO may be proposed the offer now, whatever its rank. */
    public boolean eligible(OfferState offer, NgoSnapshot ngo) {
        if (!accepts(offer, ngo)) {
            return false;
        }
        Reach reach = reachOf(ngo);
        if (GreatCircle.certainlyFartherThan(offer.lat, ngo.lat, reach.outerKm)) {
            return false;
        }
        if (reach.certainlyBeyond(GreatCircle.haversineLowerBound(offer.lat, offer.lon, ngo.lat, ngo.lon))) {
            return false;
        }
        double h = GreatCircle.haversine(offer.lat, offer.lon, ngo.lat, ngo.lon);
        int tier = reach.tierOf(h);
        if (tier == UNSURE) {
            tier = reach.tierAt(GreatCircle.kmOfHaversine(h));
        }
        return tier != BEYOND_REACH && !offer.wasProposedTo(ngo.ngoId);
    }

    /** The best-ranked eligible NGO, or null when there is none. */
    public Candidate best(OfferState offer, Iterable<NgoSnapshot> ngos) {
        NgoSnapshot best = null;
        int bestTier = BEYOND_REACH;
        double bestH = 0;
        double bestKm = Double.NaN; // taken only when needed
        for (NgoSnapshot ngo : ngos) {
            if (!accepts(offer, ngo)) {
                continue;
            }
            Reach reach = reachOf(ngo);
            if (GreatCircle.certainlyFartherThan(offer.lat, ngo.lat, reach.outerKm)) {
                continue; // most of a cell's NGOs, for any one offer: spared the rest
            }
            // without trigonometry, most of the others: beyond reach, or farther than the best
            // so far without being able to beat it on tier
            double lower = GreatCircle.haversineLowerBound(offer.lat, offer.lon, ngo.lat, ngo.lon);
            if (reach.certainlyBeyond(lower)
                    || (best != null && nearer(lower, bestH) > 0 && (bestTier == 1 || reach.certainlyBeyondRadius(lower)))) {
                continue;
            }
            double h = GreatCircle.haversine(offer.lat, offer.lon, ngo.lat, ngo.lon);
            double km = Double.NaN;
            int tier = reach.tierOf(h);
            if (tier == UNSURE) {
                km = GreatCircle.kmOfHaversine(h);
                tier = reach.tierAt(km);
            }
            if (tier == BEYOND_REACH || tier > bestTier) {
                continue; // beyond reach, or a worse tier than the best so far
            }
            if (tier == bestTier) {
                int nearer = nearer(h, bestH);
                if (nearer > 0) {
                    continue;
                }
                if (nearer == 0) {
                    // as good as tied: the distances decide, then the NGO id, as the contract says
                    km = Double.isNaN(km) ? GreatCircle.kmOfHaversine(h) : km;
                    bestKm = Double.isNaN(bestKm) ? GreatCircle.kmOfHaversine(bestH) : bestKm;
                    int c = Double.compare(km, bestKm);
                    if (c > 0 || (c == 0 && ngo.ngoId.compareTo(best.ngoId) > 0)) {
                        continue;
                    }
                }
            }
            if (offer.wasProposedTo(ngo.ngoId)) {
                continue; // the NGOs proposed before are few but searched by id: asked last
            }
            best = ngo;
            bestTier = tier;
            bestH = h;
            bestKm = km;
        }
        if (best == null) {
            return null;
        }
        return new Candidate(best.ngoId, bestTier, Double.isNaN(bestKm) ? GreatCircle.kmOfHaversine(bestH) : bestKm);
    }

    /**
     * Whether the distance of haversine {@code h} is certainly shorter (-1) or certainly longer (1)
     * than that of {@code other}, or too close to tell without the distances (0).
     */
    private static int nearer(double h, double other) {
        if (other >= 0.25 || h >= 0.25) {
            return 0; // far apart points: not worth the care
        }
        if (h < other * (1 - MARGIN)) {
            return -1;
        }
        return h > other * (1 + MARGIN) ? 1 : 0;
    }

    /** What the offer needs and the NGO takes, distance aside. */
    private static boolean accepts(OfferState offer, NgoSnapshot ngo) {
        return ngo.active
                && offer.category.isIn(ngo.accepts)
                && (!ngo.halalOnly || offer.halal)
                && (!ngo.vegetarianOnly || offer.vegetarian)
                && (!offer.needsColdChain || ngo.hasColdChain)
                && ngo.capacityKg >= offer.quantityKg;
    }

    private Reach reachOf(NgoSnapshot ngo) {
        if (reaches == null) {
            reaches = new Reach[REACHES];
        }
        long bits = Double.doubleToLongBits(ngo.radiusKm);
        int slot = (int) (bits ^ (bits >>> 29) ^ (bits >>> 41)) & (REACHES - 1);
        Reach reach = reaches[slot];
        if (reach == null || reach.radiusKm != ngo.radiusKm) {
            reach = new Reach(ngo.radiusKm, policy.outerRadiusKm(ngo.radiusKm));
            reaches[slot] = reach;
        }
        return reach;
    }

    /** An NGO's two radii under this policy, as distances and as haversines. */
    private static final class Reach {
        private final double radiusKm;
        private final double outerKm;
        private final double radiusH;
        private final double outerH;

        Reach(double radiusKm, double outerKm) {
            this.radiusKm = radiusKm;
            this.outerKm = outerKm;
            this.radiusH = GreatCircle.haversineOfKm(radiusKm);
            this.outerH = GreatCircle.haversineOfKm(outerKm);
        }

        /** Whether a point whose haversine is at least {@code atLeast} is certainly beyond the outer radius. */
        boolean certainlyBeyond(double atLeast) {
            return atLeast > outerH * (1 + MARGIN);
        }

        /** Whether a point whose haversine is at least {@code atLeast} is certainly beyond the radius (not tier 1). */
        boolean certainlyBeyondRadius(double atLeast) {
            return atLeast > radiusH * (1 + MARGIN);
        }

        /** The tier at a distance: 1, 2, or beyond reach. */
        int tierAt(double km) {
            return km > outerKm ? BEYOND_REACH : km <= radiusKm ? 1 : 2;
        }

        /** The tier at the distance of a haversine where it is certain, else {@link #UNSURE}. */
        int tierOf(double h) {
            // a NaN bound (an enormous radius) answers false everywhere: unsure
            if (certainlyBeyond(h)) {
                return BEYOND_REACH;
            }
            if (h < radiusH * (1 - MARGIN)) {
                return 1;
            }
            if (h > radiusH * (1 + MARGIN) && h < outerH * (1 - MARGIN)) {
                return 2;
            }
            return UNSURE;
        }
    }
}
