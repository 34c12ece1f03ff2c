package id.pahlawanpangan.workload;

import com.google.common.geometry.S2Cell;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLngRect;
import id.pahlawanpangan.geo.CellGrid;
import java.util.Random;

/**
 * One shard cell of central Jakarta that takes a share of the day's offers: iftar, when the
 * mosques, markets and hotels around Monas post far more food than the rest of the city. The
 * offers are spread evenly over the day's sequence (every other offer at a share of one half) and
 * evenly over the cell, so the hot spot's load is exactly its share, whatever the seed.
 */
final class HotSpot {
    /** Monas, central Jakarta. */
    static final double CENTRE_LAT = -6.1754;
    static final double CENTRE_LON = 106.8272;
    /** The job's default shard level ({@code geo.cell-level}). */
    static final int CELL_LEVEL = 10;

    private final double share;
    private final Random random;
    private final CellGrid grid = new CellGrid(CELL_LEVEL);
    private final long cell = cell();
    private final S2LatLngRect bound = new S2Cell(new S2CellId(cell)).getRectBound();

    /**
     * @param share of the offers posted in the cell, 0 to 1
     * @param random its own, so that the rest of the day draws what it would without a hot spot
     */
    HotSpot(double share, Random random) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("the hot spot's share of offers must be within 0..1, was " + share);
        }
        this.share = share;
        this.random = random;
    }

    /** The hot spot's cell, at the job's default level. */
    static long cell() {
        return new CellGrid(CELL_LEVEL).cellOf(CENTRE_LAT, CENTRE_LON);
    }

    /** Whether the offer with this index (0, 1, 2, ...) is posted in the hot spot. */
    boolean takes(int offerIndex) {
        return Math.floor((offerIndex + 1) * share) > Math.floor(offerIndex * share);
    }

    /** A point inside the cell, uniformly over it (as rounded in the day's lines). */
    double[] randomPoint() {
        while (true) {
            double lat = City.round6(Math.toDegrees(bound.latLo().radians() + random.nextDouble() * (bound.latHi().radians() - bound.latLo().radians())));
            double lon = City.round6(Math.toDegrees(bound.lngLo().radians() + random.nextDouble() * (bound.lngHi().radians() - bound.lngLo().radians())));
            if (grid.cellOf(lat, lon) == cell) {
                return new double[] {lat, lon};
            }
        }
    }
}
