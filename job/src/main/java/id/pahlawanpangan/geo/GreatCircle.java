package id.pahlawanpangan.geo;

/** Distances as the contract defines them: great-circle on a sphere of radius 6371.0088 km. */
public final class GreatCircle {
    /** The mean Earth radius (IUGG), the sphere of the contract. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private GreatCircle() {}

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
