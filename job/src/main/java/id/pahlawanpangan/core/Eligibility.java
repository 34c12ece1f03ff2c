package id.pahlawanpangan.core;

import id.pahlawanpangan.geo.GreatCircle;
import java.io.Serializable;

/** Contract section 3: whether an NGO may be proposed an offer, and how it ranks. */
public final class Eligibility implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MatchPolicy policy;

    public Eligibility(MatchPolicy policy) {
        this.policy = policy;
    }

    /** The NGO as a candidate for the offer, or null when it is not eligible. */
    public Candidate candidate(OfferState offer, NgoSnapshot ngo) {
        if (!ngo.active
                || !offer.category.isIn(ngo.accepts)
                || (ngo.halalOnly && !offer.halal)
                || (ngo.vegetarianOnly && !offer.vegetarian)
                || (offer.needsColdChain && !ngo.hasColdChain)
                || ngo.capacityKg < offer.quantityKg) {
            return null;
        }
        double outerKm = policy.outerRadiusKm(ngo.radiusKm);
        if (GreatCircle.certainlyFartherThan(offer.lat, ngo.lat, outerKm)) {
            return null; // most of a cell's NGOs, for any one offer: spared the distance
        }
        double km = GreatCircle.distanceKm(offer.lat, offer.lon, ngo.lat, ngo.lon);
        if (km > outerKm || offer.wasProposedTo(ngo.ngoId)) {
            return null; // the NGOs proposed before are few but searched by id: asked last
        }
        if (km <= ngo.radiusKm) {
            return new Candidate(ngo.ngoId, 1, km);
        }
        return new Candidate(ngo.ngoId, 2, km);
    }

    /** The best-ranked eligible NGO, or null when there is none. */
    public Candidate best(OfferState offer, Iterable<NgoSnapshot> ngos) {
        Candidate best = null;
        for (NgoSnapshot ngo : ngos) {
            Candidate c = candidate(offer, ngo);
            if (c != null && (best == null || c.compareTo(best) < 0)) {
                best = c;
            }
        }
        return best;
    }
}
