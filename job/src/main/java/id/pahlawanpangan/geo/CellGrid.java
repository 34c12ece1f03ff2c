package id.pahlawanpangan.geo;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2Cap;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2RegionCoverer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;

/**
 * The S2 cells the job is sharded by, all at one level. An offer lives in the cell that contains
 * it; an NGO is copied to every cell its outer service disk can touch, so that each cell holds
 * every NGO that could be eligible for its offers.
 *
 * <p>Coverings are recomputed, never stored: {@link S2RegionCoverer} output may change between
 * library versions, and only the cell of a point ({@link S2CellId#parent(int)}) is a key.
 */
public final class CellGrid implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Added to every disk before covering it, so that floating-point differences between the
     * haversine distance and S2's chord angles can never leave out a cell at the disk's edge.
     */
    private static final double EDGE_MARGIN_KM = 0.001;

    /** Disks whose coverings are remembered: NGOs republish from where they are, far more often than they move. */
    private static final int REMEMBERED_DISKS = 16_384;

    private final int level;
    private transient S2RegionCoverer coverer;
    private transient Map<Disk, long[]> coverings;

    private record Disk(double lat, double lon, double radiusKm) {}

    public CellGrid(int level) {
        if (level < 0 || level > S2CellId.MAX_LEVEL) {
            throw new IllegalArgumentException("S2 cell level must be within 0.." + S2CellId.MAX_LEVEL + ", was " + level);
        }
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** The cell (at this grid's level) that contains the point. */
    public long cellOf(double lat, double lon) {
        return S2CellId.fromLatLng(S2LatLng.fromDegrees(lat, lon)).parent(level).id();
    }

    /** Every cell that a disk of the given radius around the point touches, sorted by id. */
    public long[] cellsTouching(double lat, double lon, double radiusKm) {
        if (coverings == null) {
            coverings = new RecentlyUsed<>(REMEMBERED_DISKS);
        }
        return coverings.computeIfAbsent(new Disk(lat, lon, radiusKm), d -> cover(d.lat(), d.lon(), d.radiusKm())).clone();
    }

    private long[] cover(double lat, double lon, double radiusKm) {
        double angle = (radiusKm + EDGE_MARGIN_KM) / GreatCircle.EARTH_RADIUS_KM;
        S2Cap disk = S2Cap.fromAxisAngle(S2LatLng.fromDegrees(lat, lon).toPoint(), S1Angle.radians(angle));
        ArrayList<S2CellId> covering = new ArrayList<>();
        coverer().getCovering(disk, covering);
        long[] cells = covering.stream().mapToLong(c -> c.parent(level).id()).distinct().toArray();
        Arrays.sort(cells);
        return cells;
    }

    /** A readable name for a cell: its S2 token. */
    public static String token(long cell) {
        return new S2CellId(cell).toToken();
    }

    private S2RegionCoverer coverer() {
        if (coverer == null) {
            // one level only: every cell of the covering is a shard key
            coverer = S2RegionCoverer.builder()
                    .setMinLevel(level)
                    .setMaxLevel(level)
                    .setMaxCells(Integer.MAX_VALUE)
                    .build();
        }
        return coverer;
    }
}
