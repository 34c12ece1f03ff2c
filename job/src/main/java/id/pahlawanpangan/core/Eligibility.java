package id.pahlawanpangan.core;

import id.pahlawanpangan.geo.GreatCircle;
import java.io.Serializable;
import java.util.Arrays;

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
        if (!new Needs(offer).metBy(NgoTable.flagsOf(ngo), ngo.accepts, ngo.capacityKg)) {
            return false;
        }
        Reach reach = reachOf(ngo.radiusKm);
        if (GreatCircle.certainlyFartherThan(offer.lat, ngo.lat, reach.outerKm)
                || certainlyBeyond(GreatCircle.haversineLowerBound(offer.lat, offer.lon, ngo.lat, ngo.lon), reach.outerH)) {
            return false;
        }
        double h = GreatCircle.haversine(offer.lat, offer.lon, ngo.lat, ngo.lon);
        int tier = tierOf(h, reach.radiusH, reach.outerH);
        if (tier == UNSURE) {
            tier = tierAt(GreatCircle.kmOfHaversine(h), ngo.radiusKm, reach.outerKm);
        }
        return tier != BEYOND_REACH && !offer.wasProposedTo(ngo.ngoId);
    }

    /** The best-ranked eligible NGO of the table, or null when there is none. */
    public Candidate best(OfferState offer, NgoTable ngos) {
        if (ngos.reachOf != this) {
            Arrays.fill(ngos.outerKm, 0, ngos.size(), Double.NaN); // worked out by another policy
            ngos.reachOf = this;
        }
        Needs needs = new Needs(offer);
        double[] lat = ngos.lat;
        double[] lon = ngos.lon;
        double[] outerKm = ngos.outerKm;
        double[] radiusH = ngos.radiusH;
        double[] outerH = ngos.outerH;
        int best = -1;
        int bestTier = BEYOND_REACH;
        double bestH = 0;
        double bestKm = Double.NaN; // taken only when needed
        for (int i = 0, n = ngos.size(); i < n; i++) {
            if (!needs.metBy(ngos.flags[i], ngos.accepts[i], ngos.capacityKg[i])) {
                continue;
            }
            if (Double.isNaN(outerKm[i])) {
                Reach reach = reachOf(ngos.at(i).radiusKm);
                outerKm[i] = reach.outerKm;
                radiusH[i] = reach.radiusH;
                outerH[i] = reach.outerH;
            }
            if (GreatCircle.certainlyFartherThan(offer.lat, lat[i], outerKm[i])) {
                continue; // most of a cell's NGOs, for any one offer: spared the rest
            }
            // without trigonometry, most of the others: beyond reach, or farther than the best
            // so far without being able to beat it on tier
            double lower = GreatCircle.haversineLowerBound(offer.lat, offer.lon, lat[i], lon[i]);
            if (certainlyBeyond(lower, outerH[i])
                    || (best >= 0 && nearer(lower, bestH) > 0 && (bestTier == 1 || certainlyBeyond(lower, radiusH[i])))) {
                continue;
            }
            double h = GreatCircle.haversine(offer.lat, offer.lon, lat[i], lon[i]);
            double km = Double.NaN;
            int tier = tierOf(h, radiusH[i], outerH[i]);
            if (tier == UNSURE) {
                km = GreatCircle.kmOfHaversine(h);
                tier = tierAt(km, ngos.at(i).radiusKm, outerKm[i]);
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
                    if (c > 0 || (c == 0 && ngos.at(i).ngoId.compareTo(ngos.at(best).ngoId) > 0)) {
                        continue;
                    }
                }
            }
            if (offer.wasProposedTo(ngos.at(i).ngoId)) {
                continue; // the NGOs proposed before are few but searched by id: asked last
            }
            best = i;
            bestTier = tier;
            bestH = h;
            bestKm = km;
        }
        if (best < 0) {
            return null;
        }
        return new Candidate(ngos.at(best).ngoId, bestTier, Double.isNaN(bestKm) ? GreatCircle.kmOfHaversine(bestH) : bestKm);
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

    /** What the offer needs of an NGO, distance aside, as one test of the NGO's {@link NgoTable} flags. */
    private static final class Needs {
        /** These bits of the NGO's flags must read as required. */
        private final int checked;
        private final int required;
        private final int category;
        private final double quantityKg;

        Needs(OfferState offer) {
            required = NgoTable.ACTIVE | (offer.needsColdChain ? NgoTable.COLD_CHAIN : 0);
            checked = required | (offer.halal ? 0 : NgoTable.HALAL_ONLY) | (offer.vegetarian ? 0 : NgoTable.VEGETARIAN_ONLY);
            category = offer.category.bit();
            quantityKg = offer.quantityKg;
        }

        boolean metBy(int flags, int accepts, double capacityKg) {
            return (flags & checked) == required && (accepts & category) != 0 && capacityKg >= quantityKg;
        }
    }

    private Reach reachOf(double radiusKm) {
        if (reaches == null) {
            reaches = new Reach[REACHES];
        }
        long bits = Double.doubleToLongBits(radiusKm);
        int slot = (int) (bits ^ (bits >>> 29) ^ (bits >>> 41)) & (REACHES - 1);
        Reach reach = reaches[slot];
        if (reach == null || reach.radiusKm != radiusKm) {
            reach = new Reach(radiusKm, policy.outerRadiusKm(radiusKm));
            reaches[slot] = reach;
        }
        return reach;
    }

    /** Whether a point whose haversine is at least {@code atLeast} is certainly beyond a radius of haversine {@code bound}. */
    private static boolean certainlyBeyond(double atLeast, double bound) {
        return atLeast > bound * (1 + MARGIN); // a NaN bound (an enormous radius) answers false
    }

    /** The tier at a distance: 1, 2, or beyond reach. */
    private static int tierAt(double km, double radiusKm, double outerKm) {
        return km > outerKm ? BEYOND_REACH : km <= radiusKm ? 1 : 2;
    }

    /** The tier at the distance of a haversine where it is certain, else {@link #UNSURE}. */
    private static int tierOf(double h, double radiusH, double outerH) {
        if (certainlyBeyond(h, outerH)) {
            return BEYOND_REACH;
        }
        if (h < radiusH * (1 - MARGIN)) {
            return 1;
        }
        return certainlyBeyond(h, radiusH) && h < outerH * (1 - MARGIN) ? 2 : UNSURE;
    }

    /** A radius and its outer radius under this policy, as distances and as haversines. */
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
    }
}
