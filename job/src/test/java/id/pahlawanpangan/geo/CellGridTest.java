package id.pahlawanpangan.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.common.geometry.S2Cell;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sharding by S2 cell must never lose a match: every offer within an NGO's radius lives in a cell
 * the NGO's snapshot is copied to. Distances are the contract's great-circle distances.
 */
class CellGridTest {
    private static final double R = 6371.0088;

    private static final double[][] PLACES = {
        {3.59, 98.67}, // Medan
        {-6.2, 106.85}, // Jakarta
        {0.0, 109.33}, // Pontianak, on the equator
        {0.0005, 117.15}, // just north of the equator
        {-0.0005, 100.35}, // just south of the equator
        {-2.53, 140.72}, // Jayapura
        {-8.65, 115.22}, // Denpasar
        {1.47, 124.84}, // Manado
        {-3.7, 135.0}, // on the S2 face boundary at 135°E
        {-10.99, 95.01}, // the range's corners
        {5.99, 140.99},
    };

    /** A point at the given distance and bearing from a start point, on the contract's sphere. */
    private static double[] destination(double lat, double lon, double distanceKm, double bearingRad) {
        double phi1 = Math.toRadians(lat);
        double lambda1 = Math.toRadians(lon);
        double delta = distanceKm / R;
        double phi2 = Math.asin(Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(bearingRad));
        double lambda2 = lambda1 + Math.atan2(
                Math.sin(bearingRad) * Math.sin(delta) * Math.cos(phi1),
                Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2));
        return new double[] {Math.toDegrees(phi2), Math.toDegrees(lambda2)};
    }

    private static double[] randomNgo(Random random, int i) {
        if (i < PLACES.length) {
            return PLACES[i];
        }
        switch (random.nextInt(6)) {
            case 0:
                // right at the equator
                return new double[] {(random.nextDouble() - 0.5) * 1e-3, 95 + random.nextDouble() * 46};
            case 1:
                // near the face boundary at 135°E
                return new double[] {-11 + random.nextDouble() * 17, 135 + (random.nextDouble() - 0.5) * 0.2};
            default:
                return new double[] {-11 + random.nextDouble() * 17, 95 + random.nextDouble() * 46};
        }
    }

    private static boolean contains(long[] sortedCells, long cell) {
        return Arrays.binarySearch(sortedCells, cell) >= 0;
    }

    /**
     * Checks one offer point against the NGO's covering if it is within the radius; returns
     * whether it was within.
     */
    private static boolean checkOffer(CellGrid grid, double[] ngo, double radiusKm, long[] covering, double lat, double lon) {
        double d = GreatCircle.distanceKm(ngo[0], ngo[1], lat, lon);
        if (d > radiusKm) {
            return false;
        }
        assertThat(contains(covering, grid.cellOf(lat, lon)))
                .as("offer (%s, %s) at %s km from NGO (%s, %s) with radius %s km, level %d",
                        lat, lon, d, ngo[0], ngo[1], radiusKm, grid.level())
                .isTrue();
        return true;
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {8, 10, 12})
    void everyOfferWithinTheRadiusLivesInACellTheNgoTouches(int level) {
        CellGrid grid = new CellGrid(level);
        Random random = new Random(1000 + level);
        int ngos = 250;
        int inside = 0;
        int rim = 0;
        int nearVertices = 0;
        for (int i = 0; i < ngos; i++) {
            double[] ngo = randomNgo(random, i);
            double radius = 0.1 + random.nextDouble() * 74.9;
            if (i % 10 == 0) {
                // the largest disks: a 50 km radius in the extended tier
                radius = 75.0;
            }
            long[] covering = grid.cellsTouching(ngo[0], ngo[1], radius);

            // uniformly in the disk
            for (int k = 0; k < 40; k++) {
                double d = radius * Math.sqrt(random.nextDouble());
                double[] p = destination(ngo[0], ngo[1], d, random.nextDouble() * 2 * Math.PI);
                if (checkOffer(grid, ngo, radius, covering, p[0], p[1])) {
                    inside++;
                }
            }
            // just inside the rim: radius - 1 mm
            for (int k = 0; k < 40; k++) {
                double[] p = destination(ngo[0], ngo[1], radius - 1e-6, random.nextDouble() * 2 * Math.PI);
                if (checkOffer(grid, ngo, radius, covering, p[0], p[1])) {
                    rim++;
                }
                // around the vertices of the cell it falls in, nudged into each neighbouring cell
                if (k % 4 == 0) {
                    S2Cell cell = new S2Cell(S2CellId.fromLatLng(S2LatLng.fromDegrees(p[0], p[1])).parent(level));
                    for (int v = 0; v < 4; v++) {
                        S2LatLng vertex = new S2LatLng(cell.getVertex(v));
                        for (double dLat : new double[] {-1e-9, 0, 1e-9}) {
                            for (double dLon : new double[] {-1e-9, 0, 1e-9}) {
                                if (checkOffer(grid, ngo, radius, covering, vertex.latDegrees() + dLat, vertex.lngDegrees() + dLon)) {
                                    nearVertices++;
                                }
                            }
                        }
                    }
                }
            }
        }
        // the sampling really exercised the property
        assertThat(inside).isGreaterThanOrEqualTo(ngos * 40 * 99 / 100);
        assertThat(rim).isGreaterThanOrEqualTo(ngos * 40 * 99 / 100);
        assertThat(nearVertices).isGreaterThan(ngos * 10 * 4 * 9 / 10);
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {8, 10, 12})
    void cellEdgesAndVerticesNearTheRimAreCovered(int level) {
        // walk the rim and check the corners and edge midpoints of every cell it passes through
        CellGrid grid = new CellGrid(level);
        Random random = new Random(2000 + level);
        int checked = 0;
        for (int i = 0; i < 60; i++) {
            double[] ngo = randomNgo(random, i);
            double radius = 0.1 + random.nextDouble() * 74.9;
            long[] covering = grid.cellsTouching(ngo[0], ngo[1], radius);
            for (int k = 0; k < 64; k++) {
                double[] p = destination(ngo[0], ngo[1], radius * (1 + (random.nextDouble() - 0.5) * 0.02), k * 2 * Math.PI / 64);
                S2Cell cell = new S2Cell(S2CellId.fromLatLng(S2LatLng.fromDegrees(p[0], p[1])).parent(level));
                for (int v = 0; v < 4; v++) {
                    S2LatLng a = new S2LatLng(cell.getVertex(v));
                    S2LatLng b = new S2LatLng(cell.getVertex((v + 1) % 4));
                    for (double f : new double[] {0, 0.5}) {
                        double lat = a.latDegrees() + f * (b.latDegrees() - a.latDegrees());
                        double lon = a.lngDegrees() + f * (b.lngDegrees() - a.lngDegrees());
                        for (double dLat : new double[] {-1e-9, 0, 1e-9}) {
                            for (double dLon : new double[] {-1e-9, 0, 1e-9}) {
                                if (checkOffer(grid, ngo, radius, covering, lat + dLat, lon + dLon)) {
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void aTinyDiskAroundACellVertexTouchesEveryCellAtThatVertex() {
        CellGrid grid = new CellGrid(10);
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            double[] p = randomNgo(random, i);
            S2Cell cell = new S2Cell(S2CellId.fromLatLng(S2LatLng.fromDegrees(p[0], p[1])).parent(10));
            S2LatLng vertex = new S2LatLng(cell.getVertex(random.nextInt(4)));
            long[] covering = grid.cellsTouching(vertex.latDegrees(), vertex.lngDegrees(), 0.1);
            // the cells meeting at a vertex: reached by a step of ~1 m in each diagonal direction
            for (int k = 0; k < 8; k++) {
                double[] q = destination(vertex.latDegrees(), vertex.lngDegrees(), 0.001, k * Math.PI / 4 + Math.PI / 8);
                assertThat(contains(covering, grid.cellOf(q[0], q[1]))).isTrue();
            }
            assertThat(covering.length).isGreaterThanOrEqualTo(3);
        }
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 8, 10, 12, 16})
    void cellsTouchingIsSortedDuplicateFreeAndAtTheGridsLevel(int level) {
        CellGrid grid = new CellGrid(level);
        Random random = new Random(4 + level);
        for (int i = 0; i < 200; i++) {
            double[] ngo = randomNgo(random, i);
            double radius = level >= 16 ? 0.1 + random.nextDouble() * 5 : 0.1 + random.nextDouble() * 74.9;
            long[] cells = grid.cellsTouching(ngo[0], ngo[1], radius);
            assertThat(cells).isNotEmpty();
            assertThat(cells).isSorted();
            assertThat(cells).doesNotHaveDuplicates();
            for (long c : cells) {
                S2CellId id = new S2CellId(c);
                assertThat(id.isValid()).isTrue();
                assertThat(id.level()).isEqualTo(level);
            }
            // the NGO's own cell is always touched
            assertThat(contains(cells, grid.cellOf(ngo[0], ngo[1]))).isTrue();
        }
    }

    @Test
    void cellOfIsTheContainingCellAtTheGridsLevel() {
        Random random = new Random(5);
        for (int level : new int[] {0, 8, 10, 12, 30}) {
            CellGrid grid = new CellGrid(level);
            assertThat(grid.level()).isEqualTo(level);
            for (int i = 0; i < 500; i++) {
                double[] p = randomNgo(random, i);
                S2CellId cell = new S2CellId(grid.cellOf(p[0], p[1]));
                assertThat(cell.level()).isEqualTo(level);
                assertThat(new S2Cell(cell).contains(S2LatLng.fromDegrees(p[0], p[1]).toPoint())).isTrue();
            }
        }
    }

    @Test
    void aDiskNeverCoversFarMoreThanItsArea() {
        // a covering that grew without bound would ship every NGO to every cell
        CellGrid grid = new CellGrid(12);
        long[] cells = grid.cellsTouching(-6.2, 106.85, 75.0);
        double cellAreaKm2 = new S2Cell(new S2CellId(grid.cellOf(-6.2, 106.85))).exactArea() * R * R;
        double diskAreaKm2 = Math.PI * 75.0 * 75.0;
        assertThat(cells.length).isGreaterThan((int) (diskAreaKm2 / cellAreaKm2 * 0.9));
        assertThat(cells.length).isLessThan((int) (diskAreaKm2 / cellAreaKm2 * 1.5));
        // and a cell far away is not touched
        assertThat(contains(cells, grid.cellOf(3.59, 98.67))).isFalse();
        assertThat(contains(cells, grid.cellOf(-6.2, 106.85 + 80.0 / 110.5))).isFalse();
    }

    @Test
    void levelsOutsideS2sRangeAreRejected() {
        assertThatThrownBy(() -> new CellGrid(31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CellGrid(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CellGrid(0).level()).isZero();
        assertThat(new CellGrid(30).level()).isEqualTo(30);
    }

    // ---------------------------------------------------------------- great-circle distance

    @Test
    void distanceFromMonasToBandungIsAbout120Km() {
        assertThat(GreatCircle.distanceKm(-6.175392, 106.827153, -6.917464, 107.619123)).isCloseTo(120.0, within(1.0));
    }

    @Test
    void distanceUsesTheContractsSphereRadius() {
        assertThat(GreatCircle.EARTH_RADIUS_KM).isEqualTo(6371.0088);
        double oneDegree = 6371.0088 * Math.PI / 180;
        assertThat(GreatCircle.distanceKm(0, 0, 0, 1)).isCloseTo(oneDegree, within(1e-9));
        assertThat(GreatCircle.distanceKm(0, 106, 0, 107)).isCloseTo(oneDegree, within(1e-9));
        // along a meridian too
        assertThat(GreatCircle.distanceKm(-6, 106, -5, 106)).isCloseTo(oneDegree, within(1e-9));
        // half the equator
        assertThat(GreatCircle.distanceKm(0, 0, 0, 180)).isCloseTo(6371.0088 * Math.PI, within(1e-9));
        // pole to pole
        assertThat(GreatCircle.distanceKm(90, 0, -90, 0)).isCloseTo(6371.0088 * Math.PI, within(1e-9));
    }

    @Test
    void distanceIsZeroForTheSamePointAndSymmetric() {
        Random random = new Random(6);
        for (int i = 0; i < 10_000; i++) {
            double lat1 = -11 + random.nextDouble() * 17;
            double lon1 = 95 + random.nextDouble() * 46;
            double lat2 = -11 + random.nextDouble() * 17;
            double lon2 = 95 + random.nextDouble() * 46;
            assertThat(GreatCircle.distanceKm(lat1, lon1, lat1, lon1)).isZero();
            assertThat(GreatCircle.distanceKm(lat1, lon1, lat2, lon2)).isEqualTo(GreatCircle.distanceKm(lat2, lon2, lat1, lon1));
        }
    }

    @Test
    void distanceAgreesWithS2sAngleOnTheSameSphere() {
        Random random = new Random(8);
        for (int i = 0; i < 10_000; i++) {
            double lat1 = -11 + random.nextDouble() * 17;
            double lon1 = 95 + random.nextDouble() * 46;
            double[] p = destination(lat1, lon1, random.nextDouble() * 200, random.nextDouble() * 2 * Math.PI);
            double s2Km = S2LatLng.fromDegrees(lat1, lon1).getDistance(S2LatLng.fromDegrees(p[0], p[1])).radians() * R;
            assertThat(GreatCircle.distanceKm(lat1, lon1, p[0], p[1])).isCloseTo(s2Km, within(1e-6));
        }
    }

    @Test
    void distanceOfAPointPlacedAtAGivenDistanceIsThatDistance() {
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            double lat = -11 + random.nextDouble() * 17;
            double lon = 95 + random.nextDouble() * 46;
            double d = random.nextDouble() * 75;
            double[] p = destination(lat, lon, d, random.nextDouble() * 2 * Math.PI);
            assertThat(GreatCircle.distanceKm(lat, lon, p[0], p[1])).isCloseTo(d, within(1e-7));
        }
    }
}
