package id.pahlawanpangan.workload;

import java.util.List;
import java.util.Random;

/** A large Indonesian city: where offers and NGOs are placed, weighted by population. */
public final class City {
    /** The largest cities (2020 census, millions), each with its UTC offset (WIB +7, WITA +8, WIT +9). */
    public static final List<City> INDONESIA = List.of(
            new City("jakarta", -6.2088, 106.8456, 10.56, 12, 7),
            new City("surabaya", -7.2575, 112.7521, 2.87, 9, 7),
            new City("bekasi", -6.2383, 106.9756, 2.54, 7, 7),
            new City("bandung", -6.9175, 107.6191, 2.44, 8, 7),
            new City("medan", 3.5952, 98.6722, 2.44, 9, 7),
            new City("depok", -6.4025, 106.7942, 2.06, 6, 7),
            new City("tangerang", -6.1783, 106.6319, 1.90, 6, 7),
            new City("palembang", -2.9761, 104.7754, 1.67, 8, 7),
            new City("semarang", -6.9667, 110.4167, 1.65, 8, 7),
            new City("makassar", -5.1477, 119.4327, 1.42, 7, 8),
            new City("tangerang-selatan", -6.2886, 106.7179, 1.35, 5, 7),
            new City("batam", 1.0456, 104.0305, 1.20, 8, 7),
            new City("bandar-lampung", -5.4500, 105.2667, 1.17, 7, 7),
            new City("bogor", -6.5971, 106.8060, 1.04, 5, 7),
            new City("pekanbaru", 0.5071, 101.4478, 0.98, 7, 7),
            new City("padang", -0.9471, 100.4172, 0.91, 6, 7),
            new City("malang", -7.9666, 112.6326, 0.84, 5, 7),
            new City("samarinda", -0.5022, 117.1536, 0.83, 6, 8),
            new City("denpasar", -8.6705, 115.2126, 0.73, 5, 8),
            new City("balikpapan", -1.2379, 116.8529, 0.69, 6, 8),
            new City("pontianak", -0.0263, 109.3425, 0.66, 5, 7),
            new City("banjarmasin", -3.3186, 114.5944, 0.66, 5, 8),
            new City("manado", 1.4748, 124.8421, 0.45, 5, 8),
            new City("yogyakarta", -7.7956, 110.3695, 0.37, 4, 7),
            new City("jayapura", -2.5337, 140.7181, 0.40, 5, 9));

    private final String name;
    private final double lat;
    private final double lon;
    private final double populationMillions;
    private final double spreadKm;
    private final int utcOffsetHours;

    City(String name, double lat, double lon, double populationMillions, double spreadKm, int utcOffsetHours) {
        this.name = name;
        this.lat = lat;
        this.lon = lon;
        this.populationMillions = populationMillions;
        this.spreadKm = spreadKm;
        this.utcOffsetHours = utcOffsetHours;
    }

    public String name() {
        return name;
    }

    public double populationMillions() {
        return populationMillions;
    }

    public int utcOffsetHours() {
        return utcOffsetHours;
    }

    /** A point around the centre, denser near it (Gaussian, {@code spreadKm} standard deviation). */
    public double[] randomPoint(Random random) {
        double northKm = random.nextGaussian() * spreadKm;
        double eastKm = random.nextGaussian() * spreadKm;
        double pointLat = lat + northKm / 111.195;
        double pointLon = lon + eastKm / (111.195 * Math.cos(Math.toRadians(lat)));
        return new double[] {round6(pointLat), round6(pointLon)};
    }

    /** Picks a city with probability proportional to population, the capital weighted up by {@code capitalBoost}. */
    public static City pick(Random random, double capitalBoost) {
        double total = 0;
        for (City c : INDONESIA) {
            total += weight(c, capitalBoost);
        }
        double r = random.nextDouble() * total;
        for (City c : INDONESIA) {
            r -= weight(c, capitalBoost);
            if (r <= 0) {
                return c;
            }
        }
        return INDONESIA.get(0);
    }

    private static double weight(City c, double capitalBoost) {
        return c.populationMillions * (c == INDONESIA.get(0) ? capitalBoost : 1.0);
    }

    static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
