package id.pahlawanpangan.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.StreamNumbering;
import id.pahlawanpangan.geo.CellGrid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator's hot spot: a share of the offers in one cell of central Jakarta, the rest of the offers as on an ordinary day. */
class HotSpotDayTest {
    private static final CellGrid LEVEL_10 = new CellGrid(10);

    @Test
    void postsItsShareOfTheOffersInOneCellOfCentralJakarta() {
        long cell = HotSpot.cell();
        assertThat(cell).isEqualTo(LEVEL_10.cellOf(-6.1754, 106.8272));

        Map<String, InputEvent> uniform = offers(day(1_000, 0));
        Map<String, InputEvent> hot = offers(day(1_000, 0.5));

        assertThat(hot).hasSize(1_000);
        long uniformInCell = uniform.values().stream().filter(o -> LEVEL_10.cellOf(o.lat, o.lon) == cell).count();
        long hotInCell = hot.values().stream().filter(o -> LEVEL_10.cellOf(o.lat, o.lon) == cell).count();
        assertThat(uniformInCell).isLessThan(100);
        // every other offer, and those of the ordinary day's that fell there anyway
        assertThat(hotInCell).isBetween(500L, 500L + uniformInCell);
    }

    @Test
    void leavesTheOtherOffersAsOnAnOrdinaryDay() {
        Map<String, InputEvent> uniform = offers(day(400, 0));
        Map<String, InputEvent> hot = offers(day(400, 0.5));
        int moved = 0;
        for (Map.Entry<String, InputEvent> e : uniform.entrySet()) {
            InputEvent ordinary = e.getValue();
            InputEvent other = hot.get(e.getKey());
            assertThat(other.category).isEqualTo(ordinary.category);
            assertThat(other.quantityKg).isEqualTo(ordinary.quantityKg);
            if (other.lat != ordinary.lat || other.lon != ordinary.lon) {
                // posted by a Jakarta provider, on Jakarta's clock
                moved++;
                assertThat(other.providerId).startsWith("prov-jakarta-");
            } else {
                assertThat(other.providerId).isEqualTo(ordinary.providerId);
                assertThat(other.eventTime).isEqualTo(ordinary.eventTime);
            }
        }
        assertThat(moved).isEqualTo(200);
    }

    @Test
    void refusesAShareThatIsNoShare() {
        assertThatThrownBy(() -> day(10, 1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> day(10, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> day(int offers, double hotspotShare) {
        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = offers;
        s.ngos = 50;
        s.hotspotShare = hotspotShare;
        return new DayGenerator(s).generate();
    }

    /** The first posting of each offer, as the job reads it. */
    private static Map<String, InputEvent> offers(List<String> lines) {
        InputParser parser = new InputParser(16 * 1024);
        StreamNumbering numbering = new StreamNumbering();
        Map<String, InputEvent> offers = new LinkedHashMap<>();
        for (String line : lines) {
            ParsedInput p = parser.parse(numbering.next(line));
            if (p.isValid() && p.event().type == InputType.OFFER_POSTED) {
                offers.putIfAbsent(p.event().offerId, p.event());
            }
        }
        return offers;
    }
}
