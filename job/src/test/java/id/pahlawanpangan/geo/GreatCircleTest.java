package id.pahlawanpangan.geo;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The ranking's shortcuts hold only if these bounds do, for every pair of points. */
class GreatCircleTest {
    @Property(tries = 5000, seed = "20261130")
    void theLowerBoundNeverExceedsTheHaversine(@ForAll("latitudes") double lat1, @ForAll("longitudes") double lon1,
                                               @ForAll("offsets") double dLat, @ForAll("offsets") double dLon) {
        double lat2 = Math.max(-90, Math.min(90, lat1 + dLat));
        double lon2 = lon1 + dLon;
        double h = GreatCircle.haversine(lat1, lon1, lat2, lon2);
        double lower = GreatCircle.haversineLowerBound(lat1, lon1, lat2, lon2);
        // up to rounding (a few units in the last place): the ranking compares it with a margin of 1e-7
        assertThat(lower).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(h * (1 + 1e-12));
    }

    @Property(tries = 2000, seed = "20261130")
    void theLowerBoundIsCloseOverTheDistancesOfACity(@ForAll @DoubleRange(min = -11, max = 6) double lat1,
                                                     @ForAll @DoubleRange(min = 95, max = 141) double lon1,
                                                     @ForAll @DoubleRange(min = -0.7, max = 0.7) @net.jqwik.api.constraints.Scale(9) double dLat,
                                                     @ForAll @DoubleRange(min = -0.7, max = 0.7) @net.jqwik.api.constraints.Scale(9) double dLon) {
        double h = GreatCircle.haversine(lat1, lon1, lat1 + dLat, lon1 + dLon);
        assertThat(GreatCircle.haversineLowerBound(lat1, lon1, lat1 + dLat, lon1 + dLon)).isGreaterThanOrEqualTo(h * (1 - 1e-6));
    }

    @Test
    void theDistanceIsTheArcOfTheHaversine() {
        double h = GreatCircle.haversine(-6.2, 106.8, -6.3, 106.9);
        assertThat(GreatCircle.kmOfHaversine(h)).isEqualTo(GreatCircle.distanceKm(-6.2, 106.8, -6.3, 106.9));
        // one degree of latitude on the contract's sphere
        assertThat(GreatCircle.distanceKm(0, 0, 1, 0)).isCloseTo(111.19508, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(GreatCircle.haversineOfKm(GreatCircle.kmOfHaversine(h))).isCloseTo(h, org.assertj.core.data.Offset.offset(h * 1e-12));
        assertThat(GreatCircle.haversineOfKm(20_000)).isNaN();
    }

    @Provide
    Arbitrary<Double> latitudes() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-90, 90).ofScale(6), Arbitraries.of(-90.0, 0.0, 90.0, -6.2, 89.999999));
    }

    @Provide
    Arbitrary<Double> longitudes() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-180, 180).ofScale(6), Arbitraries.of(-180.0, 0.0, 179.999999, 106.8));
    }

    /** From the same point to the antipodes, with many tiny ones (a millimetre, an ulp). */
    @Provide
    Arbitrary<Double> offsets() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-360, 360).ofScale(6),
                Arbitraries.doubles().between(-1, 1).ofScale(9),
                Arbitraries.doubles().between(-1e-6, 1e-6).ofScale(15),
                Arbitraries.of(0.0, Math.ulp(100.0), -Math.ulp(100.0), 1e-300, 180.0, -180.0));
    }
}
