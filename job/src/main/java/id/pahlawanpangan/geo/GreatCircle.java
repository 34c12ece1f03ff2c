package id.pahlawanpangan.geo;

/** Distances as the contract defines them: great-circle on a sphere of radius 6371.0088 km. */
public final class GreatCircle {
    /** The mean Earth radius (IUGG), the sphere of the contract. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private static final double KM_PER_DEGREE = Math.toRadians(1) * EARTH_RADIUS_KM;

    private GreatCircle() {}

    /**
     * Whether the points are certainly more than {@code km} apart, known without trigonometry:
     * the distance is never less than the difference in latitude, walked along a meridian. The
     * margin covers rounding, so that it never disagrees with {@link #distanceKm}; a false answer
     * says nothing.
     */
    public static boolean certainlyFartherThan(double lat1, double lat2, double km) {
        return Math.abs(lat1 - lat2) * KM_PER_DEGREE > km * (1 + 1e-9) + 1e-9;
    }

    /** Haversine distance in km between two WGS84 points given in degrees. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        return kmOfHaversine(haversine(lat1, lon1, lat2, lon2));
    }

    /**
     * The haversine of the central angle between two points (degrees): {@link #distanceKm} without
     * its last step, the arcsine, which costs more than the rest together. The distance grows with
     * it, so comparisons of distances that are far from equal can be made on it.
     */
    public static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double sinPhi = Math.sin(dPhi / 2);
        double sinLambda = Math.sin(dLambda / 2);
        return sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
    }

    /**
     * A lower bound of {@link #haversine} for the same points, without trigonometry: from the
     * same angles, with sin x ≥ x − x³/6 (for 0 ≤ x ≤ 1) and cos x ≥ 1 − x²/2 + x⁴/24 − x⁶/720
     * (Taylor series cut after a negative term). Within a millionth
     * of it over the distances of a city, so that most far points are told apart for the cost
     * of a few multiplications; where a bound would not hold (far apart points) a term is left
     * out, which keeps it a lower bound. Its rounding is relative to it, like the haversine's.
     */
    public static double haversineLowerBound(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double halfDPhi = Math.abs(phi2 - phi1) / 2;
        double halfDLambda = Math.abs(Math.toRadians(lon2 - lon1)) / 2;
        if (halfDPhi > 1) {
            return 0;
        }
        double sinPhi = halfDPhi * (1 - halfDPhi * halfDPhi / 6);
        double bound = sinPhi * sinPhi;
        double cos1 = cosLowerBound(phi1);
        double cos2 = cosLowerBound(phi2);
        if (halfDLambda <= 1 && cos1 > 0 && cos2 > 0) {
            double sinLambda = halfDLambda * (1 - halfDLambda * halfDLambda / 6);
            bound += cos1 * cos2 * sinLambda * sinLambda;
        }
        return bound;
    }

    private static double cosLowerBound(double x) {
        double x2 = x * x;
        return 1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30));
    }

    /** The distance in km of a {@link #haversine}: exactly what {@link #distanceKm} gives for the same points. */
    public static double kmOfHaversine(double h) {
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /**
     * The haversine of a distance of {@code km}, or NaN for distances of a quarter of the Earth's
     * circumference and more (where comparing haversines is not worth the care). Rounded: only
     * for comparisons with a margin.
     */
    public static double haversineOfKm(double km) {
        double halfAngle = km / (2 * EARTH_RADIUS_KM);
        if (!(halfAngle >= 0 && halfAngle < Math.PI / 4)) {
            return Double.NaN;
        }
        double s = Math.sin(halfAngle);
        return s * s;
    }
}
