package id.pahlawanpangan.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.impact.ImpactFactors;
import id.pahlawanpangan.live.MatchEventRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meals and CO2e in PostGIS (migration V6) against the job's {@link ImpactFactors}: the same
 * defaults, and the same figure for every kind of pickup, written as the job writes its rows.
 */
class ImpactITCase {
    private PostgresDatabase db;

    @BeforeEach
    void migrated() throws Exception {
        db = PostgresDatabase.create("pangan_impact_it");
        new Schema(db.connection()).migrate(null);
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    @Test
    void theSchemasFactorsAreTheJobsDefaults() throws Exception {
        ImpactFactors defaults = ImpactFactors.DEFAULTS;
        assertThat(db.strings("select kg_per_meal::text from impact_meal_size")).containsExactly(Double.toString(defaults.kgPerMeal()));
        for (Category c : Category.values()) {
            assertThat(db.strings("select kg_co2e_per_kg::text from impact_co2e where category = '" + c.wireName() + "'"))
                    .as(c.wireName()).containsExactly(Double.toString(defaults.co2ePerKg(c)));
        }
        assertThat(db.count("select count(*) from impact_co2e")).as("a row for each category, no other").isEqualTo(Category.values().length);
        assertThat(db.count("select count(*) from impact_co2e where source = ''")).isZero();
    }

    @Test
    void eachPickupsMealsAndCo2eAreTheJobsFigures() throws Exception {
        List<MatchEvent> pickups = List.of(
                completed("whole-with-portions", Category.COOKED_MEAL, 12.0, 12.0, 40),
                completed("half-with-portions", Category.BAKERY, 10.0, 5.0, 30),
                completed("more-than-offered", Category.DAIRY, 4.0, 6.0, 8), // the NGO weighed more than the provider did
                completed("no-portions", Category.PRODUCE, 21.0, 21.0, null),
                completed("packaged", Category.PACKAGED, 3.0, 2.5, null),
                completed("frozen", Category.FROZEN, 7.0, 7.0, null));
        write(pickups);
        Map<String, double[]> fromViews = new HashMap<>();
        try (Connection c = db.connection().open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select offer_id, meals, co2e_kg from offer_impact")) {
            while (r.next()) {
                fromViews.put(r.getString(1), new double[] {r.getDouble(2), r.getDouble(3)});
            }
        }
        assertThat(fromViews).hasSize(pickups.size());
        ImpactFactors f = ImpactFactors.DEFAULTS;
        for (MatchEvent e : pickups) {
            Category category = Category.fromWire(e.category);
            assertThat(fromViews.get(e.offerId)[0]).as("meals of %s", e.offerId)
                    .isCloseTo(f.meals(e.pickedKg, e.portions, e.quantityKg), within(1e-9));
            assertThat(fromViews.get(e.offerId)[1]).as("CO2e of %s", e.offerId)
                    .isCloseTo(f.co2eKg(category, e.pickedKg), within(1e-9));
        }
        // the rules themselves, in numbers
        assertThat(fromViews.get("whole-with-portions")[0]).isEqualTo(40.0);
        assertThat(fromViews.get("half-with-portions")[0]).isEqualTo(15.0);
        assertThat(fromViews.get("more-than-offered")[0]).as("never more than the portions offered").isEqualTo(8.0);
        assertThat(fromViews.get("no-portions")[0]).isCloseTo(50.0, within(1e-9)); // 21 kg of 420 g meals
        assertThat(fromViews.get("no-portions")[1]).isCloseTo(21.0 * 1.14, within(1e-9));

        assertThat(db.strings("select city || ' ' || pickups || ' ' || kg_rescued || ' ' || meals || ' ' || co2e_kg from dashboard_impact_daily"))
                .containsExactly(String.format(Locale.ROOT, "jakarta 6 %.1f %.0f %.1f", 53.5,
                        pickups.stream().mapToDouble(e -> f.meals(e.pickedKg, e.portions, e.quantityKg)).sum(),
                        pickups.stream().mapToDouble(e -> f.co2eKg(Category.fromWire(e.category), e.pickedKg)).sum()));
        assertThat(db.strings("select sum(meals)::text from dashboard_impact_hourly"))
                .containsExactly(db.strings("select round(sum(meals)::numeric, 0)::text from offer_impact").get(0));
    }

    @Test
    void aDeploymentsOwnFactorsAreUsed() throws Exception {
        write(List.of(completed("o1", Category.BAKERY, 8.4, 8.4, null)));
        db.execute("update impact_meal_size set kg_per_meal = 0.6, source = 'our own survey'");
        db.execute("update impact_co2e set kg_co2e_per_kg = 2.0, source = 'our own survey' where category = 'bakery'");
        assertThat(db.strings("select round(meals::numeric, 3) || ' ' || round(co2e_kg::numeric, 3) from offer_impact"))
                .containsExactly("14.000 16.800");
    }

    private static MatchEvent completed(String offerId, Category category, double quantityKg, double pickedKg, Integer portions) {
        MatchEvent e = new MatchEvent();
        e.eventId = offerId + "/p/0";
        e.type = OutputType.OFFER_COMPLETED;
        e.offerId = offerId;
        e.ngoId = "ngo-1";
        e.at = Times.parse("2026-11-25T05:00:00Z");
        e.pickedKg = pickedKg;
        e.portions = portions;
        e.quantityKg = quantityKg;
        e.category = category.wireName();
        e.lat = -6.2;
        e.lon = 106.85;
        return e;
    }

    private void write(List<MatchEvent> events) throws Exception {
        new Schema(db.connection()).ensurePartitions(1);
        try (Connection c = db.connection().open(); PreparedStatement insert = c.prepareStatement(MatchEventRows.INSERT_MATCH_EVENT)) {
            for (MatchEvent e : events) {
                MatchEventRows.MATCH_EVENT.accept(insert, e);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
