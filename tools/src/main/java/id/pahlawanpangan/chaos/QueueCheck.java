package id.pahlawanpangan.chaos;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's queue checker, for one place the decisions land (PostGIS, or the output stream):
 * compared with what a replay of exactly the input the streams hold decides, every expected
 * decision is there once (nothing missing, nothing twice), nothing else is (nothing unexpected),
 * and, where the place keeps an order, each offer's decisions are in decision order.
 *
 * <p>Live decisions can only be compared up to a time the live job has certainly reached
 * ({@code cut}): after it, the replay (which ends by firing every timer) decides what the live
 * job has not decided yet. Live decisions after the cut must still be decisions the replay made.
 */
final class QueueCheck {
    /** What one place holds that it should not, or lacks. */
    record Result(String place, int expected, int found, List<String> missing, List<String> duplicated, List<String> unexpected,
                  List<String> outOfOrder) {
        boolean ok() {
            return missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty() && outOfOrder.isEmpty();
        }

        String summary() {
            return String.format("%s: %d expected, %d found; %d missing, %d twice, %d unexpected, %d offers out of order%s", place, expected,
                    found, missing.size(), duplicated.size(), unexpected.size(), outOfOrder.size(), ok() ? "" : examples());
        }

        private String examples() {
            StringBuilder b = new StringBuilder();
            append(b, "missing", missing);
            append(b, "twice", duplicated);
            append(b, "unexpected", unexpected);
            append(b, "out of order", outOfOrder);
            return b.toString();
        }

        private static void append(StringBuilder b, String what, List<String> items) {
            if (!items.isEmpty()) {
                b.append("\n    ").append(what).append(", e.g.: ").append(String.join("\n      ", items.subList(0, Math.min(3, items.size()))));
            }
        }
    }

    private final Map<String, String> expectedById = new LinkedHashMap<>();
    private final Map<String, Long> atById = new HashMap<>();
    private final Map<String, Integer> positionById = new HashMap<>();
    private final long cut;

    /** {@code replay}: the replay's decisions in decision order. */
    QueueCheck(List<MatchEvent> replay, long cut) {
        this.cut = cut;
        int position = 0;
        for (MatchEvent e : replay) {
            expectedById.put(e.eventId, MatchEventJson.write(e));
            atById.put(e.eventId, e.at);
            positionById.put(e.eventId, position++);
        }
    }

    int expectedBeforeCut() {
        return (int) atById.values().stream().filter(at -> at <= cut).count();
    }

    /**
     * {@code found}: the place's decisions as JSON, in the place's order; {@code ordered}: whether
     * that order is meaningful (a stream's) and must keep each offer's decision order.
     */
    Result check(String place, List<String> found, boolean ordered) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> duplicated = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Map<String, Integer> lastPositionOfOffer = new HashMap<>();
        Map<String, String> outOfOrder = new LinkedHashMap<>();
        for (String json : found) {
            MatchEvent e = MatchEventJson.read(json);
            String normal = MatchEventJson.write(e);
            if (seen.merge(e.eventId, 1, Integer::sum) == 2) {
                duplicated.add(normal);
            }
            String expected = expectedById.get(e.eventId);
            if (expected == null || !expected.equals(normal)) {
                unexpected.add(normal + (expected == null ? "" : "\n        replay: " + expected));
                continue;
            }
            if (ordered && e.offerId != null) {
                int position = positionById.get(e.eventId);
                Integer before = lastPositionOfOffer.put(e.offerId, position);
                if (before != null && before > position) {
                    outOfOrder.putIfAbsent(e.offerId, e.offerId + ": " + e.eventId + " after a later decision of the offer");
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> expected : expectedById.entrySet()) {
            if (atById.get(expected.getKey()) <= cut && !seen.containsKey(expected.getKey())) {
                missing.add(expected.getValue());
            }
        }
        return new Result(place, expectedBeforeCut(), found.size(), missing, duplicated, unexpected, new ArrayList<>(outOfOrder.values()));
    }
}
