package id.pahlawanpangan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.pahlawanpangan.events.MatchEventJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionSummaryTest {
    @Test
    void pickupsCountInKilogramsMealsAndCo2e() throws Exception {
        DecisionSummary s = DecisionSummary.of(List.of(
                MatchEventJson.read("{\"event_id\":\"o1/a/0\",\"type\":\"offer.proposed\",\"offer_id\":\"o1\",\"ngo_id\":\"n1\","
                        + "\"at\":\"2026-11-25T05:00:00Z\",\"attempt\":1,\"tier\":1,\"distance_km\":1.0,\"hold_until\":\"2026-11-25T05:10:00Z\"}"),
                MatchEventJson.read("{\"event_id\":\"o1/b/0\",\"type\":\"offer.completed\",\"offer_id\":\"o1\",\"ngo_id\":\"n1\","
                        + "\"at\":\"2026-11-25T06:00:00Z\",\"picked_kg\":5,\"portions\":20,\"quantity_kg\":10,\"category\":\"bakery\"}"),
                MatchEventJson.read("{\"event_id\":\"o2/b/0\",\"type\":\"offer.completed\",\"offer_id\":\"o2\",\"ngo_id\":\"n1\","
                        + "\"at\":\"2026-11-25T06:00:00Z\",\"picked_kg\":8.4,\"quantity_kg\":8.4,\"category\":\"dairy\"}")));
        assertThat(s.kgRescued()).isCloseTo(13.4, within(1e-9));
        assertThat(s.mealsRescued()).as("half of 20 portions, and 8.4 kg of 420 g meals").isCloseTo(10 + 20, within(1e-9));
        assertThat(s.co2eAvoidedKg()).isCloseTo(5 * 1.57 + 8.4 * 3.15, within(1e-9));
        assertThat(s.toString()).contains("meals rescued").contains("kg CO2e avoided");
    }
}
