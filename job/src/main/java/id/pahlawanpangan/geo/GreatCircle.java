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
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double sinPhi = Math.sin(dPhi / 2);
        double sinLambda = Math.sin(dLambda / 2);
        double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
