package id.pahlawanpangan.gateway;

import static id.pahlawanpangan.gateway.GatewayFixture.DISPATCHER;
import static id.pahlawanpangan.gateway.GatewayFixture.NGO;
import static id.pahlawanpangan.gateway.GatewayFixture.OTHER_NGO;
import static id.pahlawanpangan.gateway.GatewayFixture.OTHER_PROVIDER;
import static id.pahlawanpangan.gateway.GatewayFixture.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.pahlawanpangan.events.SourceStream;
import io.nats.client.api.MessageInfo;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against the machine's nats-server: what it stores in JetStream, on which subject,
 * and what it refuses, with which status and reason.
 */
class GatewayITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new GatewayFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    static String offer(String offerId) {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return "{\"offer_id\":\"" + offerId + "\",\"lat\":-6.2088,\"lon\":106.8456,\"category\":\"bakery\",\"quantity_kg\":12.5,"
                + "\"portions\":30,\"halal\":true,\"needs_cold_chain\":false,\"ready_at\":\"" + now + "\",\"expires_at\":\""
                + now.plus(Duration.ofHours(4)) + "\"}";
    }

    static String availability() {
        return "{\"lat\":-6.21,\"lon\":106.85,\"radius_km\":8,\"capacity_kg\":200,\"accepts\":[\"bakery\",\"produce\"],"
                + "\"halal_only\":false,\"has_cold_chain\":true,\"active\":true}";
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static MessageInfo last(SourceStream stream) throws Exception {
        List<MessageInfo> all = gateway.stored(stream);
        return all.get(all.size() - 1);
    }

    @Test
    void anOfferIsStoredOnItsProvidersSubjectWithItsIdentityTimeAndTrace() throws Exception {
        String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        HttpResponse<String> r = gateway.send("POST", "/v1/offers", PROVIDER, offer("o-stored-1"), "traceparent", trace);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = json(r.body());
        assertThat(answer.get("stream").asText()).isEqualTo(gateway.subjects.inputStream(SourceStream.OFFERS));
        assertThat(answer.get("duplicate").asBoolean()).isFalse();
        MessageInfo stored = gateway.nats.jetStreamManagement().getMessage(answer.get("stream").asText(), answer.get("seq").asLong());
        assertThat(stored.getSubject()).isEqualTo(gateway.subjects.input(SourceStream.OFFERS, PROVIDER));
        JsonNode event = json(new String(stored.getData(), StandardCharsets.UTF_8));
        assertThat(event.get("type").asText()).isEqualTo("offer.posted");
        assertThat(event.get("provider_id").asText()).isEqualTo(PROVIDER);
        assertThat(event.get("offer_id").asText()).isEqualTo("o-stored-1");
        assertThat(event.get("quantity_kg").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(Duration.between(Instant.parse(event.get("event_time").asText()), Instant.now()).abs())
                .as("event_time left out is the gateway's clock").isLessThan(Duration.ofMinutes(1));
        assertThat(stored.getHeaders().getFirst("traceparent")).isEqualTo(trace);
    }

    @Test
    void anIdempotencyKeyStoresARetryOnceAndBelongsToItsClientOnly() throws Exception {
        String key = "pos-retry-77";
        HttpResponse<String> first = gateway.send("POST", "/v1/offers", PROVIDER, offer("o-idem-1"), "Idempotency-Key", key);
        HttpResponse<String> retry = gateway.send("POST", "/v1/offers", PROVIDER, offer("o-idem-1"), "Idempotency-Key", key);
        HttpResponse<String> otherClient = gateway.send("POST", "/v1/offers", OTHER_PROVIDER, offer("o-idem-2"), "Idempotency-Key", key);

        assertThat(List.of(first.statusCode(), retry.statusCode(), otherClient.statusCode())).containsOnly(202);
        assertThat(json(retry.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(json(retry.body()).get("seq").asLong()).isEqualTo(json(first.body()).get("seq").asLong());
        assertThat(json(otherClient.body()).get("duplicate").asBoolean())
                .as("another client's key of the same text is another message").isFalse();
        MessageInfo stored = gateway.nats.jetStreamManagement().getMessage(gateway.subjects.inputStream(SourceStream.OFFERS),
                json(first.body()).get("seq").asLong());
        assertThat(stored.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo("provider:" + PROVIDER + ":" + key);
    }

    @Test
    void eachKeySpeaksOnlyForItsOwnProviderOrNgo() throws Exception {
        long before = gateway.storedCount();
        Map<HttpResponse<String>, String> refused = Map.of(
                gateway.send("POST", "/v1/offers", PROVIDER, offer("o-x").replace("{", "{\"provider_id\":\"" + OTHER_PROVIDER + "\",")), "identity_mismatch",
                gateway.send("PUT", "/v1/ngos/" + OTHER_NGO + "/availability", NGO, availability()), "identity_mismatch",
                gateway.send("PUT", "/v1/ngos/" + NGO + "/availability", NGO, availability().replace("{", "{\"ngo_id\":\"" + OTHER_NGO + "\",")), "identity_mismatch",
                gateway.send("POST", "/v1/offers", NGO, offer("o-y")), "forbidden",
                gateway.send("POST", "/v1/offers/o-1/claim", PROVIDER, null), "forbidden",
                gateway.send("POST", "/v1/offers", DISPATCHER, offer("o-z")), "forbidden",
                gateway.send("POST", "/v1/offers", null, offer("o-w")), "unauthenticated",
                gateway.send("POST", "/v1/offers", null, offer("o-v"), "Authorization", "Bearer pgk_not-a-key-the-gateway-knows-at-all"), "unauthenticated");

        refused.forEach((r, reason) -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo("unauthenticated".equals(reason) ? 401 : 403);
            assertThat(r.body()).contains("\"error\":\"" + reason + "\"");
        });
        assertThat(gateway.storedCount()).as("nothing refused is stored").isEqualTo(before);
    }

    @Test
    void invalidEventsAreRefusedWithTheContractsReasonAndNeverStored() throws Exception {
        long before = gateway.storedCount();
        String future = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        Map<String, String> bodies = Map.ofEntries(
                Map.entry(offer("o-1").replace("-6.2088", "-96"), "out_of_range:lat"),
                Map.entry(offer("o-1").replace("12.5", "-1"), "out_of_range:quantity_kg"),
                Map.entry(offer("o-1").replace("12.5", "1e400"), "out_of_range:quantity_kg"),
                Map.entry(offer("o-1").replace("\"bakery\"", "\"caviar\""), "unknown_category"),
                Map.entry(offer("o-1").replace(",\"halal\":true", ""), "missing_field:halal"),
                Map.entry(offer("o-1").replace("{", "{\"event_time\":\"" + future + "\","), "event_time_in_future"),
                Map.entry(offer("o-1").replace("{", "{\"offer_id\":\"o-2\","), "malformed_json"),
                Map.entry(offer("o-1").replace("o-1", "o 1"), "invalid_id:offer_id"),
                Map.entry(offer("o-1").replace("{", "{\"type\":\"claim.accepted\","), "path_mismatch:type"),
                Map.entry("{\"offer_id\":", "malformed_json"),
                Map.entry("[1,2]", "malformed_json"),
                Map.entry(offer("o-1") + "{}", "malformed_json"),
                Map.entry("[".repeat(5000) + "]".repeat(5000), "malformed_json"),
                Map.entry("", "malformed_json"));

        for (Map.Entry<String, String> b : bodies.entrySet()) {
            HttpResponse<String> r = gateway.send("POST", "/v1/offers", PROVIDER, b.getKey());
            assertThat(r.statusCode()).as("%s -> %s", abbreviated(b.getKey()), r.body()).isEqualTo(400);
            assertThat(json(r.body()).get("error").asText()).as(abbreviated(b.getKey())).isEqualTo(b.getValue());
        }
        HttpResponse<String> huge = gateway.send("POST", "/v1/offers", PROVIDER, offer("o-1").replace("{", "{\"note\":\"" + "x".repeat(20_000) + "\","));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge.body()).get("error").asText()).isEqualTo("payload_too_large");
        HttpResponse<String> megabytes = gateway.sendBytes("POST", "/v1/offers", PROVIDER, new byte[5 << 20]);
        assertThat(megabytes.statusCode()).as("a body far beyond any event is cut off, not read").isEqualTo(413);
        HttpResponse<String> notUtf8 = gateway.sendBytes("POST", "/v1/offers", PROVIDER, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertThat(json(notUtf8.body()).get("error").asText()).isEqualTo("invalid_utf8");
        HttpResponse<String> pickupWithout = gateway.send("POST", "/v1/offers/o-1/pickup", NGO, "{}");
        assertThat(json(pickupWithout.body()).get("error").asText()).isEqualTo("missing_field:picked_kg");
        HttpResponse<String> badKey = gateway.send("POST", "/v1/offers", PROVIDER, offer("o-1"), "Idempotency-Key", "x".repeat(300));
        assertThat(json(badKey.body()).get("error").asText()).isEqualTo("invalid_idempotency_key");

        assertThat(gateway.storedCount()).as("nothing refused is stored").isEqualTo(before);
    }

    @Test
    void everyActionPublishesTheContractsEventForItsOfferAndClient() throws Exception {
        assertThat(gateway.send("POST", "/v1/offers/o-act-1/cancel", PROVIDER, null).statusCode()).isEqualTo(202);
        JsonNode cancelled = json(new String(last(SourceStream.OFFERS).getData(), StandardCharsets.UTF_8));
        assertThat(cancelled.get("type").asText()).isEqualTo("offer.cancelled");
        assertThat(cancelled.get("offer_id").asText()).isEqualTo("o-act-1");
        assertThat(cancelled.get("provider_id").asText()).isEqualTo(PROVIDER);
        assertThat(gateway.send("PUT", "/v1/ngos/" + NGO + "/availability", NGO, availability()).statusCode()).isEqualTo(202);
        MessageInfo snapshot = last(SourceStream.NGOS);
        assertThat(snapshot.getSubject()).isEqualTo(gateway.subjects.input(SourceStream.NGOS, NGO));
        assertThat(json(new String(snapshot.getData(), StandardCharsets.UTF_8)).get("ngo_id").asText()).isEqualTo(NGO);

        Map<String, String> actions = Map.of("claim", "claim.accepted", "decline", "claim.declined", "pickup", "pickup.completed");
        for (Map.Entry<String, String> a : actions.entrySet()) {
            String body = a.getKey().equals("pickup") ? "{\"picked_kg\":11}" : null;
            HttpResponse<String> r = gateway.send("POST", "/v1/offers/o-act-2/" + a.getKey(), NGO, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            MessageInfo m = last(SourceStream.CLAIMS);
            JsonNode e = json(new String(m.getData(), StandardCharsets.UTF_8));
            assertThat(m.getSubject()).isEqualTo(gateway.subjects.input(SourceStream.CLAIMS, NGO));
            assertThat(e.get("type").asText()).isEqualTo(a.getValue());
            assertThat(e.get("offer_id").asText()).isEqualTo("o-act-2");
            assertThat(e.get("ngo_id").asText()).isEqualTo(NGO);
        }
    }

    @Test
    void anNgoReadsOnlyItsOwnDecisionsLiveAndResumesWhereItLeftOff() throws Exception {
        String mine = gateway.subjects.outputs() + "." + NGO + ".ngo.offer.proposed";
        String theirs = gateway.subjects.outputs() + "." + OTHER_NGO + ".ngo.offer.proposed";
        assertThat(gateway.send("GET", "/v1/ngos/" + OTHER_NGO + "/events", NGO, null).statusCode()).isEqualTo(403);
        assertThat(gateway.send("GET", "/v1/ngos/" + NGO + "/events", null, null).statusCode()).isEqualTo(401);

        String lastId;
        try (SseReader sse = new SseReader(gateway.http, gateway.uri("/v1/ngos/" + NGO + "/events?access_token=" + gateway.keys.get(NGO)), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("ready").isEmpty());
            gateway.nats.jetStream().publish(theirs, "{\"type\":\"offer.proposed\",\"offer_id\":\"o-theirs\"}".getBytes(StandardCharsets.UTF_8));
            gateway.nats.jetStream().publish(mine, "{\"type\":\"offer.proposed\",\"offer_id\":\"o-mine-1\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> sse.named("offer.proposed").size() == 1);
            SseReader.Event e = sse.named("offer.proposed").get(0);
            assertThat(e.data()).contains("o-mine-1");
            lastId = e.id();
        }
        gateway.nats.jetStream().publish(mine, "{\"type\":\"offer.proposed\",\"offer_id\":\"o-mine-2\"}".getBytes(StandardCharsets.UTF_8));
        try (SseReader again = new SseReader(gateway.http, gateway.uri("/v1/ngos/" + NGO + "/events?access_token=" + gateway.keys.get(NGO)), lastId)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !again.named("offer.proposed").isEmpty());
            assertThat(again.named("offer.proposed")).extracting(SseReader.Event::data).singleElement().asString().contains("o-mine-2");
        }
    }

    @Test
    void aClientHoldsAFewEventStreamsAtOnceAndGetsOneBackWhenItClosesOne() throws Exception {
        String uri = "/v1/ngos/" + OTHER_NGO + "/events?access_token=" + gateway.keys.get(OTHER_NGO);
        List<SseReader> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SseReader sse = new SseReader(gateway.http, gateway.uri(uri), null);
                open.add(sse);
                await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("ready").isEmpty());
            }
            HttpResponse<String> fifth = gateway.send("GET", "/v1/ngos/" + OTHER_NGO + "/events", OTHER_NGO, null, "Accept", "text/event-stream");
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(fifth.body()).contains("too_many_streams");

            open.remove(0).close();
            await("a closed stream is given back").atMost(Duration.ofSeconds(30)).until(() -> {
                try (SseReader again = new SseReader(gateway.http, gateway.uri(uri), null)) {
                    return again.response.get().statusCode() == 200;
                }
            });
        } finally {
            open.forEach(SseReader::close);
        }
    }

    @Test
    void theDispatchersSeeDecisionsAndValidSnapshotsButNeitherDeadLettersNorForgedSnapshots() throws Exception {
        assertThat(gateway.send("GET", "/v1/dispatch/events", NGO, null).statusCode()).isEqualTo(403);
        String out = gateway.subjects.outputs();
        gateway.nats.jetStream().publish(out + ".=.dispatch.offer.escalated", "{\"type\":\"offer.escalated\",\"offer_id\":\"o-esc\"}".getBytes(StandardCharsets.UTF_8));
        gateway.nats.jetStream().publish(out + ".=.deadletter.input.rejected", "{\"type\":\"input.rejected\",\"payload\":\"secret\"}".getBytes(StandardCharsets.UTF_8));
        String ngoSubject = gateway.subjects.input(SourceStream.NGOS, OTHER_NGO);
        String valid = availability().replace("{", "{\"type\":\"ngo.availability\",\"ngo_id\":\"" + OTHER_NGO + "\",\"event_time\":\"" + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "\",\"note\":\"<script>\",");
        gateway.nats.jetStream().publish(ngoSubject, valid.getBytes(StandardCharsets.UTF_8));
        gateway.nats.jetStream().publish(ngoSubject, valid.replace(OTHER_NGO, "ngo-forged-1").getBytes(StandardCharsets.UTF_8)); // the subject says OTHER_NGO
        gateway.nats.jetStream().publish(ngoSubject, "{not json".getBytes(StandardCharsets.UTF_8));

        try (SseReader sse = new SseReader(gateway.http, gateway.uri("/v1/dispatch/events?since=PT1H&access_token=" + gateway.keys.get(DISPATCHER)), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("offer.escalated").isEmpty() && !sse.named("ngo.availability").isEmpty());
            // one more of each stream, so that anything wrongly passed would have arrived before it
            gateway.nats.jetStream().publish(out + ".=.dispatch.offer.expired", "{\"type\":\"offer.expired\",\"offer_id\":\"o-exp\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("offer.expired").isEmpty());
            assertThat(sse.named("input.rejected")).isEmpty();
            assertThat(sse.named("ngo.availability")).noneMatch(e -> e.data().contains("ngo-forged-1"));
            assertThat(sse.named("ngo.availability")).filteredOn(e -> e.data().contains(OTHER_NGO)).singleElement().satisfies(e -> {
                assertThat(e.data()).contains("\"ngo_id\":\"" + OTHER_NGO + "\"").doesNotContain("<script>");
                assertThat(e.id()).matches("\\d+:\\d+");
            });
        }
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndRefusalsByReason() throws Exception {
        gateway.send("POST", "/v1/offers/o-metric-1/claim", NGO, null);
        gateway.send("POST", "/v1/offers", PROVIDER, "{");
        String metrics = gateway.send("GET", "/metrics", null, null).body();
        assertThat(metrics).contains("pangan_gateway_requests_total{method=\"POST\",route=\"/v1/offers/{offerId}/claim\",status=\"202\"}")
                .contains("pangan_gateway_refused_total{reason=\"malformed_json\"}")
                .contains("pangan_gateway_jetstream_ack_seconds_bucket")
                .doesNotContain("o-metric-1");
    }

    /**
     * A hostile client: valid offers mangled byte by byte, fields given every kind of JSON value,
     * ids that are not ids. The gateway never fails (no 5xx), and what it stores is each time an
     * event the job's own parser accepts.
     */
    @Test
    void mangledRequestsNeverFailTheGatewayAndOnlyValidEventsAreStored() throws Exception {
        java.util.Random random = new java.util.Random(20261130);
        long firstNew = gateway.nats.jetStreamManagement().getStreamInfo(gateway.subjects.inputStream(SourceStream.OFFERS))
                .getStreamState().getLastSequence() + 1;
        String[] values = {"null", "true", "-0", "1e309", "\"NaN\"", "[]", "{}", "\"\\u0000\"", "\"\"", "123456789012345678901234567890",
                "\"2026-02-30T00:00:00Z\"", "\"" + "x".repeat(70) + "\""};
        String[] fields = {"offer_id", "lat", "lon", "category", "quantity_kg", "portions", "halal", "ready_at", "expires_at", "event_time", "provider_id", "type"};
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 400; i++) {
            String body = offer("o-fuzz-" + i);
            switch (i % 3) {
                case 0: {
                    byte[] b = body.getBytes(StandardCharsets.UTF_8);
                    for (int k = 0; k < 1 + random.nextInt(3); k++) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                    }
                    statuses.merge(gateway.sendBytes("POST", "/v1/offers", PROVIDER, b).statusCode(), 1, Integer::sum);
                    continue;
                }
                case 1: {
                    String field = fields[random.nextInt(fields.length)];
                    String value = values[random.nextInt(values.length)];
                    body = body.contains("\"" + field + "\":") ? body.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value))
                            : body.replace("{", "{\"" + field + "\":" + value + ",");
                    break;
                }
                default:
                    body = body.substring(0, random.nextInt(body.length()));
            }
            statuses.merge(gateway.send("POST", "/v1/offers", PROVIDER, body).statusCode(), 1, Integer::sum);
        }
        for (String id : List.of("%2e%2e", "a%2Fb", "x".repeat(65), "%00", "o%20%E2%82%AC")) {
            // a client of its own each: Jetty closes the connection after a request it cannot parse
            java.net.http.HttpClient once = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = once.send(java.net.http.HttpRequest.newBuilder(gateway.uri("/v1/offers/" + id + "/claim"))
                    .header("Authorization", "Bearer " + gateway.keys.get(NGO)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
        }
        System.out.println("GatewayITCase: mangled requests answered " + statuses);

        assertThat(statuses.keySet()).as("statuses").allMatch(s -> s < 500);
        assertThat(statuses).containsKey(202).containsKey(400);
        id.pahlawanpangan.events.InputParser parser = new id.pahlawanpangan.events.InputParser(16_384);
        for (MessageInfo m : gateway.stored(SourceStream.OFFERS)) {
            if (m.getSeq() >= firstNew) {
                String payload = new String(m.getData(), StandardCharsets.UTF_8);
                assertThat(parser.parse(new id.pahlawanpangan.events.RawInput(SourceStream.OFFERS, m.getSeq(), PROVIDER, payload,
                        m.getTime().toInstant().toEpochMilli())).isValid()).as(payload).isTrue();
            }
        }
    }

    private static String abbreviated(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
