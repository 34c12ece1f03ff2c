package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import java.util.Random;

/** Input that a real feed gets now and then, each kind breaking one rule of the contract. */
final class BadInput {
    private final Random random;

    BadInput(Random random) {
        this.random = random;
    }

    /** A bad line in the style of the good event it accompanies. */
    String near(InputEvent good) {
        String json = InputEventJson.write(good);
        switch (random.nextInt(7)) {
            case 0:
                return json.substring(0, json.length() / 2); // cut off mid-message
            case 1:
                return json.replaceFirst("\"event_time\":\"[^\"]*\"", "\"event_time\":\"yesterday\"");
            case 2:
                return json.replaceFirst("\"type\":\"[^\"]*\"", "\"type\":\"offer.updated\"");
            case 3:
                return json.replaceFirst("\\{", "{\"note\":\"" + "x".repeat(20_000) + "\",");
            case 4:
                return json.replaceFirst("\"event_time\":\"[^\"]*\",?", "").replace(",}", "}");
            case 5:
                return "{\"type\":\"offer.posted\",\"offer_id\":\"bad-" + random.nextInt(1_000_000)
                        + "\",\"provider_id\":\"prov-x\",\"lat\":123.4,\"lon\":106.8,\"category\":\"cooked_meal\","
                        + "\"quantity_kg\":5,\"halal\":true,\"needs_cold_chain\":false,"
                        + "\"ready_at\":\"2026-11-25T10:00:00Z\",\"expires_at\":\"2026-11-25T12:00:00Z\","
                        + "\"event_time\":\"2026-11-25T10:00:00Z\"}";
            default:
                return "{\"type\":\"offer.posted\",\"offer_id\":\"bad-" + random.nextInt(1_000_000)
                        + "\",\"provider_id\":\"prov-x\",\"lat\":-6.2,\"lon\":106.8,\"category\":\"snacks\","
                        + "\"quantity_kg\":5,\"halal\":true,\"needs_cold_chain\":false,"
                        + "\"ready_at\":\"2026-11-25T10:00:00Z\",\"expires_at\":\"2026-11-25T12:00:00Z\","
                        + "\"event_time\":\"2026-11-25T10:00:00Z\"}";
        }
    }
}
