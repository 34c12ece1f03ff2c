package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.geo.CellGrid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** How a day loads the shards: NGOs per cell, NGOs in an offer's cell, cells per NGO snapshot. */
class DayShapeTest {
    private static final long T0 = Instant.parse("2026-11-25T09:00:00Z").toEpochMilli();
    /** The centres of two level-10 cells far apart (central Jakarta, Surabaya): a 100 m disk around either stays in its cell. */
    private static final S2LatLng JAKARTA = centreOfCell(-6.1754, 106.8272);
    private static final S2LatLng SURABAYA = centreOfCell(-7.2575, 112.7521);

    private final List<String> lines = new ArrayList<>();

    @Test
    void countsTheNgosThatReachEachCellAndThoseAnOffersSearchRanks() {
        ngo("a", JAKARTA, 0.1);
        ngo("b", JAKARTA, 0.1);
        ngo("a", JAKARTA, 0.1); // a second snapshot of the same NGO: one NGO in the cell still
        ngo("c", SURABAYA, 0.1);
        offer("o1", JAKARTA);
        offer("o1", JAKARTA); // repeated posting: one offer
        offer("o2", JAKARTA);
        offer("o3", SURABAYA);
        offer("o4", centreOfCell(3.5952, 98.6722)); // Medan: no NGO reaches it
        lines.add("{\"type\":\"ngo.availability\",\"ngo_id\":\"broken\"}");

        DayShape shape = DayShape.of(lines, new Configuration());

        assertThat(shape.cellsWithNgos()).isEqualTo(2);
        assertThat(shape.ngosPerCell()).isCloseTo((2 + 1) / 2.0, within(1e-9));
        assertThat(shape.ngosInOfferCell()).isCloseTo((2 + 2 + 1 + 0) / 4.0, within(1e-9));
        assertThat(shape.cellsPerSnapshot()).isCloseTo(1.0, within(1e-9));
        assertThat(shape.offersInBusiestCell()).isEqualTo(2);
    }

    @Test
    void copiesAnNgoToEveryCellItsOuterDiskTouches() {
        ngo("near", JAKARTA, 0.1);
        ngo("wide", JAKARTA, 10); // tier 2 reaches 15 km: the cells around too

        DayShape shape = DayShape.of(lines, new Configuration());

        int wideCells = new CellGrid(10).cellsTouching(JAKARTA.latDegrees(), JAKARTA.lngDegrees(), 15).length;
        assertThat(wideCells).isGreaterThan(4);
        assertThat(shape.cellsPerSnapshot()).isCloseTo((1 + wideCells) / 2.0, within(1e-9));
        assertThat(shape.cellsWithNgos()).isEqualTo(wideCells);
        assertThat(shape.ngosPerCell()).isCloseTo((double) (wideCells + 1) / wideCells, within(1e-9));
    }

    private void ngo(String id, S2LatLng at, double radiusKm) {
        InputEvent e = new InputEvent();
        e.type = InputType.NGO_AVAILABILITY;
        e.ngoId = id;
        e.lat = at.latDegrees();
        e.lon = at.lngDegrees();
        e.radiusKm = radiusKm;
        e.capacityKg = 100;
        e.accepts = Category.maskOf(Category.values());
        e.active = true;
        e.eventTime = T0 + lines.size();
        lines.add(InputEventJson.write(e));
    }

    private void offer(String id, S2LatLng at) {
        InputEvent e = new InputEvent();
        e.type = InputType.OFFER_POSTED;
        e.offerId = id;
        e.providerId = "p";
        e.lat = at.latDegrees();
        e.lon = at.lngDegrees();
        e.category = Category.BAKERY;
        e.quantityKg = 5;
        e.eventTime = T0 + lines.size();
        e.readyAt = e.eventTime;
        e.expiresAt = e.eventTime + 3_600_000;
        lines.add(InputEventJson.write(e));
    }

    private static S2LatLng centreOfCell(double lat, double lon) {
        return S2CellId.fromLatLng(S2LatLng.fromDegrees(lat, lon)).parent(10).toLatLng();
    }
}
