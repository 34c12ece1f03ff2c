package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer a peer's lookup is checked against, and the check. */
class PeerWorkloadTest {
    // 0.01 degree of latitude is 1.112 km on the contract's sphere
    private static final double KM = 0.01 / 1.112;

    @Test
    void theExpectedAnswerIsTheNearestFiveThatReachTheOfferAndHaveRoom() {
        List<InputEvent> ngos = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ngos.add(ngo("near-" + i, i * KM, 10, 100));
        }
        ngos.add(ngo("too-small", 0.5 * KM, 10, 5));
        ngos.add(ngo("short-reach", 0.7 * KM, 0.6, 100));
        PeerWorkload workload = new PeerWorkload(ngos, List.of(offer(20)), 10);

        assertThat(workload.expectedAnswer(0)).containsExactly("near-1", "near-2", "near-3", "near-4", "near-5");
    }

    @Test
    void anOfferNobodyReachesHasNoCandidates() {
        PeerWorkload workload = new PeerWorkload(List.of(ngo("far", 30 * KM, 5, 100)), List.of(offer(1)), 5);
        assertThat(workload.expectedAnswer(0)).isEmpty();
    }

    @Test
    void theCheckCountsTheLookupsAnsweredAsExpected() throws Exception {
        List<InputEvent> offers = new ArrayList<>();
        for (int i = 0; i < PeerWorkload.SAMPLE; i++) {
            offers.add(offer(1));
        }
        PeerWorkload workload = new PeerWorkload(List.of(ngo("a", KM, 5, 100), ngo("b", 2 * KM, 5, 100)), offers, 5);
        Map<Integer, List<String>> wrong = Map.of(3, List.of("b", "a"), 9, List.of("a"));

        String check = workload.check("peer", i -> wrong.getOrDefault(i, List.of("a", "b")));

        assertThat(check).isEqualTo("peer, 2 NGOs: 198 of 200 sample lookups gave the expected candidates (200 of the 200 have any)");
    }

    private static InputEvent ngo(String id, double northDegrees, double radiusKm, double capacityKg) {
        InputEvent n = new InputEvent();
        n.type = InputType.NGO_AVAILABILITY;
        n.ngoId = id;
        n.lat = -6.2 + northDegrees;
        n.lon = 106.8;
        n.radiusKm = radiusKm;
        n.capacityKg = capacityKg;
        n.active = true;
        return n;
    }

    private static InputEvent offer(double quantityKg) {
        InputEvent o = new InputEvent();
        o.type = InputType.OFFER_POSTED;
        o.lat = -6.2;
        o.lon = 106.8;
        o.quantityKg = quantityKg;
        return o;
    }
}
