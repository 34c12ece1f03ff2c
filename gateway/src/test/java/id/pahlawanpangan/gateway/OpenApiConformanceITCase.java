package id.pahlawanpangan.gateway;

import static id.pahlawanpangan.gateway.GatewayFixture.DISPATCHER;
import static id.pahlawanpangan.gateway.GatewayFixture.NGO;
import static id.pahlawanpangan.gateway.GatewayFixture.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the running gateway: every documented operation, called as its
 * client would (and once without a key, and once with a body that breaks the contract), answers
 * with a documented status, and a JSON answer has the documented shape. Nothing here knows the
 * routes except through the document: a route added to the server but not to the document, or
 * documented wrongly, fails.
 */
class OpenApiConformanceITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who calls each operation, and with what body, when called as documented. */
    private static final Map<String, String> CALLER = Map.of(
            "POST /v1/offers", PROVIDER, "POST /v1/offers/{offerId}/cancel", PROVIDER,
            "PUT /v1/ngos/{ngoId}/availability", NGO, "POST /v1/offers/{offerId}/claim", NGO,
            "POST /v1/offers/{offerId}/decline", NGO, "POST /v1/offers/{offerId}/pickup", NGO,
            "GET /v1/ngos/{ngoId}/events", NGO, "GET /v1/dispatch/events", DISPATCHER);
    private static GatewayFixture gateway;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayFixture();
        HttpResponse<String> r = gateway.send("GET", "/v1/openapi.json", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        document = JSON.readTree(r.body());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void theDocumentIsOpenApi3AndEveryOperationIsSomeonesToCall() {
        assertThat(document.get("openapi").asText()).startsWith("3.");
        List<String> operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(11);
        assertThat(operations).containsAll(CALLER.keySet());
    }

    @Test
    void everyOperationAnswersAsDocumented() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String operation : operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            JsonNode op = document.get("paths").get(template).get(method.toLowerCase());
            String caller = CALLER.get(operation);
            String path = template.replace("{offerId}", "o-openapi-1").replace("{ngoId}", NGO);

            if (op.path("responses").has("200") && op.get("responses").get("200").path("content").has("text/event-stream")) {
                checkEventStream(op, path, caller);
            } else {
                HttpResponse<String> r = gateway.send(method, path, caller, validBody(op));
                assertDocumented(operation, op, r);
                assertThat(r.statusCode()).as("%s called as documented: %s", operation, r.body()).isLessThan(300);
            }
            if (op.path("security").size() > 0) {
                HttpResponse<String> anonymous = gateway.send(method, path, null, validBody(op), "Accept", "text/event-stream");
                assertThat(anonymous.statusCode()).as(operation + " without a key").isEqualTo(401);
                assertDocumented(operation + " without a key", op, anonymous);
            }
            if (op.has("requestBody")) {
                HttpResponse<String> broken = gateway.send(method, path, caller, "{\"lat\":\"north\"");
                assertThat(broken.statusCode()).as(operation + " with a broken body").isEqualTo(400);
                assertDocumented(operation + " with a broken body", op, broken);
            }
            checked.add(operation);
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(operations());
    }

    private void checkEventStream(JsonNode op, String path, String caller) throws Exception {
        String sep = path.contains("?") ? "&" : "?";
        try (SseReader sse = new SseReader(gateway.http, gateway.uri(path + sep + "access_token=" + gateway.keys.get(caller)), null)) {
            HttpResponse<?> r = sse.response.get();
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("ready").isEmpty());
        }
    }

    /** A body as the document describes it: every required property, with a value its schema allows. */
    private static String validBody(JsonNode op) {
        if (!op.has("requestBody")) {
            return null;
        }
        JsonNode schema = resolve(op.get("requestBody").get("content").get("application/json").get("schema"));
        return example(schema).toString();
    }

    private static JsonNode example(JsonNode schema) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (schema.path("type").asText()) {
            case "object": {
                var o = JSON.createObjectNode();
                for (JsonNode required : schema.path("required")) {
                    o.set(required.asText(), example(schema.get("properties").get(required.asText())));
                }
                return o;
            }
            case "array": {
                var a = JSON.createArrayNode();
                a.add(example(schema.get("items")));
                return a;
            }
            case "boolean":
                return JSON.getNodeFactory().booleanNode(true);
            case "integer":
            case "number":
                // inside every documented range: [min, max], never at an exclusive minimum
                double min = schema.path("minimum").asDouble(0);
                double max = schema.path("maximum").asDouble(min + 10);
                return JSON.getNodeFactory().numberNode(Math.min(max, min + 1));
            case "string":
                if ("date-time".equals(schema.path("format").asText())) {
                    // ready now, expiring in four hours: a time every documented rule allows
                    return JSON.getNodeFactory().textNode(java.time.Instant.now().plus(
                            schema.path("description").asText().contains("after ready_at") ? Duration.ofHours(4) : Duration.ZERO)
                            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
                }
                return JSON.getNodeFactory().textNode("o-openapi-" + Math.abs(schema.hashCode() % 1000));
            default:
                throw new AssertionError("no example for schema " + schema);
        }
    }

    private static void assertDocumented(String what, JsonNode op, HttpResponse<String> r) throws Exception {
        JsonNode response = op.get("responses").get(Integer.toString(r.statusCode()));
        assertThat(response).as("%s answered %d, which the document does not list: %s", what, r.statusCode(), r.body()).isNotNull();
        response = resolve(response);
        JsonNode json = response.path("content").path("application/json");
        if (!json.isMissingNode()) {
            assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            List<String> problems = new ArrayList<>();
            conforms(JSON.readTree(r.body()), json.get("schema"), "$", problems);
            assertThat(problems).as("%s: %s", what, r.body()).isEmpty();
        }
    }

    private static void conforms(JsonNode value, JsonNode schema, String where, List<String> problems) {
        schema = resolve(schema);
        String type = schema.path("type").asText();
        boolean ok = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!ok) {
            problems.add(where + " is not " + type);
            return;
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(where + " lacks " + required.asText());
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode property = schema.path("properties").get(f.getKey());
                if (property != null) {
                    conforms(f.getValue(), property, where + "." + f.getKey(), problems);
                }
            }
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            problems.add(where + " is below its minimum");
        }
    }

    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String[] parts = node.get("$ref").asText().substring(2).split("/");
            JsonNode target = document;
            for (String p : parts) {
                target = target.get(p);
            }
            node = target;
        }
        return node;
    }

    private static List<String> operations() {
        List<String> operations = new ArrayList<>();
        document.get("paths").properties().iterator().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

}
