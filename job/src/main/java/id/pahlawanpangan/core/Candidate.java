package id.pahlawanpangan.core;

/** An NGO eligible for an offer, with what ranks it. */
public final class Candidate implements Comparable<Candidate> {
    private final String ngoId;
    private final int tier;
    private final double distanceKm;

    Candidate(String ngoId, int tier, double distanceKm) {
        this.ngoId = ngoId;
        this.tier = tier;
        this.distanceKm = distanceKm;
    }

    public String ngoId() {
        return ngoId;
    }

    public int tier() {
        return tier;
    }

    public double distanceKm() {
        return distanceKm;
    }

    /** Contract section 3: tier 1 before tier 2, then nearer first, then by NGO id. */
    @Override
    public int compareTo(Candidate o) {
        int c = Integer.compare(tier, o.tier);
        if (c != 0) {
            return c;
        }
        c = Double.compare(distanceKm, o.distanceKm);
        return c != 0 ? c : ngoId.compareTo(o.ngoId);
    }

    @Override
    public String toString() {
        return ngoId + " tier " + tier + " at " + distanceKm + " km";
    }
}
