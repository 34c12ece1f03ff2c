package id.pahlawanpangan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.impact.ImpactFactors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy's outcome from its decisions, and two outcomes side by side. */
class PolicyOutcomeTest {
    @TempDir
    Path dir;

    private static MatchEvent e(String json) {
        return MatchEventJson.read(json);
    }

    private static final List<MatchEvent> DAY = List.of(
            // o1: proposed at once, declined, proposed again, claimed 5 min after posting, picked up
            e("{\"event_id\":\"o1/a/0\",\"type\":\"offer.proposed\",\"offer_id\":\"o1\",\"ngo_id\":\"n1\",\"at\":\"2026-11-25T05:00:00Z\",\"attempt\":1,\"tier\":1,\"distance_km\":1,\"hold_until\":\"2026-11-25T05:10:00Z\"}"),
            e("{\"event_id\":\"o1/b/0\",\"type\":\"offer.declined\",\"offer_id\":\"o1\",\"ngo_id\":\"n1\",\"at\":\"2026-11-25T05:02:00Z\",\"attempt\":1}"),
            e("{\"event_id\":\"o1/b/1\",\"type\":\"offer.proposed\",\"offer_id\":\"o1\",\"ngo_id\":\"n2\",\"at\":\"2026-11-25T05:02:00Z\",\"attempt\":2,\"tier\":1,\"distance_km\":2,\"hold_until\":\"2026-11-25T05:12:00Z\"}"),
            e("{\"event_id\":\"o1/c/0\",\"type\":\"offer.claimed\",\"offer_id\":\"o1\",\"ngo_id\":\"n2\",\"at\":\"2026-11-25T05:05:00Z\",\"attempt\":2}"),
            e("{\"event_id\":\"o1/d/0\",\"type\":\"offer.completed\",\"offer_id\":\"o1\",\"ngo_id\":\"n2\",\"at\":\"2026-11-25T06:00:00Z\",\"picked_kg\":4.2,\"quantity_kg\":4.2,\"category\":\"bakery\"}"),
            // o2: no candidate, escalated, expired
            e("{\"event_id\":\"o2/a/0\",\"type\":\"offer.escalated\",\"offer_id\":\"o2\",\"at\":\"2026-11-25T05:30:00Z\",\"reason\":\"no_candidate\"}"),
            e("{\"event_id\":\"o2/e/0\",\"type\":\"offer.expired\",\"offer_id\":\"o2\",\"at\":\"2026-11-25T08:00:00Z\"}"),
            // rejections are nobody's offer outcome
            e("{\"event_id\":\"-/x/0\",\"type\":\"claim.rejected\",\"offer_id\":\"o9\",\"ngo_id\":\"n1\",\"at\":\"2026-11-25T05:00:00Z\",\"reason\":\"unknown_offer\"}"));

    @Test
    void eachOfferCountsOnceWithItsWaitsAndWhatWasRescued() {
        PolicyOutcome o = PolicyOutcome.of(DAY, ImpactFactors.DEFAULTS);
        assertThat(o.offers).isEqualTo(2);
        assertThat(o.proposed).isEqualTo(1);
        assertThat(o.claimed).isEqualTo(1);
        assertThat(o.completed).isEqualTo(1);
        assertThat(o.escalated).isEqualTo(1);
        assertThat(o.expired).isEqualTo(1);
        assertThat(o.firstProposalP50).isZero();
        assertThat(o.claimP50).isEqualTo(300.0);
        assertThat(o.kgRescued).isEqualTo(4.2);
        assertThat(o.mealsRescued).isCloseTo(10, within(1e-9));
        assertThat(o.co2eAvoidedKg).isCloseTo(4.2 * 1.57, within(1e-9));
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(PolicyOutcome.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.5)).isEqualTo(2.0);
        assertThat(PolicyOutcome.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.95)).isEqualTo(4.0);
        assertThat(PolicyOutcome.percentile(List.of(), 0.5)).isNaN();
    }

    @Test
    void theReportShowsBothPoliciesAndTheChange() throws Exception {
        PolicyOutcome recorded = PolicyOutcome.of(DAY, ImpactFactors.DEFAULTS);
        PolicyOutcome changed = PolicyOutcome.of(DAY.subList(0, 5), ImpactFactors.DEFAULTS);
        BacktestReport report = new BacktestReport("claim-window=PT10M", recorded, "claim-window=PT5M", changed);
        assertThat(report.table())
                .contains("| offers | 2 | 1 | -1 (-50.0 %) |")
                .contains("| expired | 1 | 0 | -1 (-100.0 %) |")
                .contains("| claim p50, s | 300.0 | 300.0 | 0 |")
                .contains("recorded: claim-window=PT10M");
        Path png = dir.resolve("b.png");
        report.chart(png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1100);
        assertThat(Files.size(png)).isGreaterThan(5_000);
    }
}
