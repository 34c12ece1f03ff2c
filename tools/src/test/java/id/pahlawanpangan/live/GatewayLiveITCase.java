package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.gateway.ApiKeys;
import id.pahlawanpangan.gateway.Client;
import id.pahlawanpangan.gateway.ClientRole;
import id.pahlawanpangan.gateway.GatewayServer;
import id.pahlawanpangan.gateway.GatewaySettings;
import id.pahlawanpangan.gateway.SseReader;
import id.pahlawanpangan.gateway.browser.DispatcherPage;
import id.pahlawanpangan.gateway.browser.HeadlessChromium;
import io.nats.client.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product end to end, as its users meet it: the live job on a MiniCluster against the
 * machine's NATS and PostGIS, the HTTP gateway in-process on the same namespace, and a real
 * browser. NGOs say where they are and providers post offers over HTTP, in real time; an NGO's
 * app hears its proposal as a server-sent event, claims over HTTP and hears the claim confirmed;
 * PostGIS holds the same decisions; an offer nobody can take is escalated; and the dispatcher page,
 * in headless Chromium, draws the offers still open, the escalated one apart
 * (target/screenshots/dispatcher-live.png, a picture for the README).
 */
class GatewayLiveITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = LiveFixture.cluster(1);

    /** Generous, for a busy machine: the job answers an offer in well under a second (docs/BENCHMARKS.md). */
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final long HOUR = 3_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CLAIMER = "ngo-bogor-bank-pangan";
    private static final String JAVA_PROVIDER = "prov-dapur-jawa";
    private static final String ISLANDS_PROVIDER = "prov-pasar-nusantara";
    /** In Ambon, where no NGO reaches: nobody is eligible. */
    private static final String NOBODY_S_OFFER = "gw-amb-01";

    /** An NGO of the scene: where, how far it goes. */
    private record Ngo(String id, double lat, double lon, double radiusKm, double capacityKg) {}

    /** An offer of the scene. */
    private record Offer(String id, String provider, double lat, double lon, Category category, double kg) {}

    /**
     * The NGOs with a gateway key: their apps talk HTTP. Each is a regional food bank in a town near
     * a city, its offers within its reach (on a map of the whole country a town's dot beside its
     * city's offers, not under them).
     */
    private static final List<Ngo> HTTP_NGOS = List.of(
            new Ngo(CLAIMER, -6.5971, 106.8060, 50, 250),
            new Ngo("ngo-sumedang-berbagi", -6.8587, 107.9164, 50, 150),
            new Ngo("ngo-mojokerto-peduli", -7.4722, 112.4338, 50, 150));
    /** Other NGOs, whose backends publish to NATS themselves (no key): the map shows every NGO. */
    private static final List<Ngo> NATS_NGOS = List.of(
            new Ngo("ngo-salatiga-peduli", -7.3305, 110.5084, 50, 120),
            new Ngo("ngo-magelang-berbagi", -7.4797, 110.2177, 50, 120),
            new Ngo("ngo-singaraja-bali", -8.1120, 115.0880, 50, 120),
            new Ngo("ngo-tebing-tinggi", 3.3285, 99.1625, 50, 120),
            new Ngo("ngo-kayuagung", -3.3955, 104.8276, 50, 120),
            new Ngo("ngo-samboja", -1.0440, 117.1100, 50, 120),
            new Ngo("ngo-pangkajene", -4.8300, 119.5500, 50, 120),
            new Ngo("ngo-bitung", 1.4404, 125.1217, 45, 120));
    /** Seventeen offers across twelve cities, none under an NGO; the first is the one the claimer takes. */
    private static final List<Offer> OFFERS = List.of(
            new Offer("gw-jkt-01", JAVA_PROVIDER, -6.1800, 106.8300, Category.COOKED_MEAL, 12.0),
            new Offer("gw-jkt-02", JAVA_PROVIDER, -6.2400, 106.8700, Category.BAKERY, 6.5),
            new Offer("gw-jkt-03", JAVA_PROVIDER, -6.1350, 106.7600, Category.PRODUCE, 24.0),
            new Offer("gw-bdg-01", JAVA_PROVIDER, -6.9150, 107.6100, Category.BAKERY, 9.0),
            new Offer("gw-bdg-02", JAVA_PROVIDER, -6.8800, 107.5600, Category.COOKED_MEAL, 15.0),
            new Offer("gw-smg-01", JAVA_PROVIDER, -6.9800, 110.4000, Category.PACKAGED, 18.0),
            new Offer("gw-yog-01", JAVA_PROVIDER, -7.8000, 110.3650, Category.COOKED_MEAL, 18.0),
            new Offer("gw-sby-01", JAVA_PROVIDER, -7.2650, 112.7500, Category.DAIRY, 8.0),
            new Offer("gw-sby-02", JAVA_PROVIDER, -7.3000, 112.7000, Category.COOKED_MEAL, 22.0),
            new Offer("gw-dps-01", JAVA_PROVIDER, -8.6600, 115.2100, Category.PRODUCE, 20.0),
            new Offer("gw-mdn-01", ISLANDS_PROVIDER, 3.5800, 98.6800, Category.COOKED_MEAL, 16.0),
            new Offer("gw-mdn-02", ISLANDS_PROVIDER, 3.6200, 98.7000, Category.PACKAGED, 22.0),
            new Offer("gw-plm-01", ISLANDS_PROVIDER, -2.9900, 104.7500, Category.BAKERY, 10.0),
            new Offer("gw-bpn-01", ISLANDS_PROVIDER, -1.2500, 116.8700, Category.FROZEN, 14.0),
            new Offer("gw-mks-01", ISLANDS_PROVIDER, -5.1500, 119.4300, Category.BAKERY, 7.5),
            new Offer("gw-mnd-01", ISLANDS_PROVIDER, 1.4800, 124.8500, Category.COOKED_MEAL, 11.0),
            new Offer(NOBODY_S_OFFER, ISLANDS_PROVIDER, -3.6954, 128.1814, Category.COOKED_MEAL, 15.0));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final AtomicLong idempotency = new AtomicLong();
    private String origin;

    @Test
    void appsTalkHttpTheJobDecidesAndTheDispatcherSeesItOnTheMap() throws Exception {
        try (LiveFixture live = new LiveFixture()) {
            JobClient job = live.startJob(dir.resolve("checkpoints"), Map.of());
            Path keysFile = dir.resolve("gateway-keys");
            for (String provider : List.of(JAVA_PROVIDER, ISLANDS_PROVIDER)) {
                keys.put(provider, ApiKeys.add(keysFile, new Client(ClientRole.PROVIDER, provider)));
            }
            for (Ngo ngo : HTTP_NGOS) {
                keys.put(ngo.id(), ApiKeys.add(keysFile, new Client(ClientRole.NGO, ngo.id())));
            }
            String dispatcherKey = ApiKeys.add(keysFile, new Client(ClientRole.DISPATCHER, "dispatcher-1"));
            GatewaySettings settings = new GatewaySettings();
            settings.port = 0;
            settings.namespace = live.subjects.namespace();
            try (Connection gatewayNats = LiveFixture.NATS.connect("gateway-live-itcase");
                 GatewayServer gateway = new GatewayServer(settings, ApiKeys.load(keysFile), gatewayNats).start()) {
                origin = "http://127.0.0.1:" + gateway.port();
                run(live, dispatcherKey);
            } finally {
                job.cancel().get();
            }
        }
    }

    private void run(LiveFixture live, String dispatcherKey) throws Exception {
        // the NGOs: three apps over HTTP, three backends straight to NATS
        for (Ngo ngo : HTTP_NGOS) {
            HttpResponse<String> r = send("PUT", "/v1/ngos/" + ngo.id() + "/availability", ngo.id(), InputEventJson.write(snapshot(ngo)));
            assertThat(r.statusCode()).as("PUT availability of %s: %s", ngo.id(), r.body()).isEqualTo(202);
        }
        for (Ngo ngo : NATS_NGOS) {
            live.nats.jetStream().publish(live.subjects.input(SourceStream.NGOS, ngo.id()),
                    InputEventJson.write(snapshot(ngo)).getBytes(StandardCharsets.UTF_8));
        }
        await("the job running: every NGO's snapshot in PostGIS").atMost(WITHIN)
                .until(() -> live.db.count("select count(*) from ngo_availability") == HTTP_NGOS.size() + NATS_NGOS.size());

        try (SseReader claimerApp = new SseReader(http, URI.create(origin + "/v1/ngos/" + CLAIMER + "/events"), keys.get(CLAIMER), null);
             SseReader dispatch = new SseReader(http, URI.create(origin + "/v1/dispatch/events"), dispatcherKey, null)) {
            await("the NGO's event stream set up").atMost(WITHIN).until(() -> !claimerApp.named("ready").isEmpty());
            await("the dispatchers' event stream set up").atMost(WITHIN).until(() -> !dispatch.named("ready").isEmpty());
            assertThat(claimerApp.status()).isEqualTo(200);

            // the offers, in real time: posted, ready and dated now
            Map<String, Long> acceptedAt = new LinkedHashMap<>();
            for (Offer offer : OFFERS) {
                HttpResponse<String> r = send("POST", "/v1/offers", offer.provider(), InputEventJson.write(posted(offer)));
                acceptedAt.put(offer.id(), System.nanoTime());
                assertThat(r.statusCode()).as("POST /v1/offers %s: %s", offer.id(), r.body()).isEqualTo(202);
                assertThat(JSON.readTree(r.body()).get("duplicate").asBoolean()).isFalse();
            }

            // the claimer's app hears of every Jakarta offer, the one it takes first
            List<String> jakarta = OFFERS.stream().map(Offer::id).filter(id -> id.startsWith("gw-jkt-")).toList();
            await("offer.proposed to " + CLAIMER + " over SSE for " + jakarta).atMost(WITHIN).untilAsserted(() ->
                    assertThat(claimerApp.named("offer.proposed").stream().map(e -> e.json().get("offer_id").asText()))
                            .containsExactlyInAnyOrderElementsOf(jakarta));
            List<Long> latenciesMs = new ArrayList<>();
            for (SseReader.Event proposal : claimerApp.named("offer.proposed")) {
                String offerId = proposal.json().get("offer_id").asText();
                assertThat(proposal.json().get("ngo_id").asText()).isEqualTo(CLAIMER);
                long ms = (proposal.arrivedNanos() - acceptedAt.get(offerId)) / 1_000_000;
                latenciesMs.add(ms);
                System.out.printf("GatewayLiveITCase: %s: HTTP 202 -> offer.proposed over SSE %d ms%n", offerId, ms);
            }
            Collections.sort(latenciesMs);
            System.out.printf("GatewayLiveITCase: HTTP 202 of an offer -> its offer.proposed over SSE, real time: median %d ms, max %d ms"
                    + " (%d offers)%n", latenciesMs.get(latenciesMs.size() / 2), latenciesMs.get(latenciesMs.size() - 1), latenciesMs.size());
            assertThat(latenciesMs.get(latenciesMs.size() - 1)).as("202 -> offer.proposed, ms").isLessThan(WITHIN.toMillis());
            // and every offer someone can take, as the dispatchers' stream carries its first proposal
            List<String> proposable = OFFERS.stream().map(Offer::id).filter(id -> !id.equals(NOBODY_S_OFFER)).toList();
            await("offer.proposed on the dispatchers' stream for " + proposable).atMost(WITHIN).untilAsserted(() ->
                    assertThat(dispatch.named("offer.proposed").stream().map(e -> e.json().get("offer_id").asText()).distinct())
                            .containsExactlyInAnyOrderElementsOf(proposable));
            List<Long> dispatchMs = new ArrayList<>();
            for (String offerId : proposable) {
                SseReader.Event first = dispatch.named("offer.proposed").stream()
                        .filter(e -> offerId.equals(e.json().get("offer_id").asText())).findFirst().orElseThrow();
                dispatchMs.add((first.arrivedNanos() - acceptedAt.get(offerId)) / 1_000_000);
            }
            Collections.sort(dispatchMs);
            System.out.printf("GatewayLiveITCase: HTTP 202 of an offer -> its offer.proposed on the dispatchers' stream: median %d ms,"
                    + " max %d ms (%d offers)%n", dispatchMs.get(dispatchMs.size() / 2), dispatchMs.get(dispatchMs.size() - 1), dispatchMs.size());

            String taken = jakarta.get(0);
            HttpResponse<String> claim = send("POST", "/v1/offers/" + taken + "/claim", CLAIMER,
                    "{\"event_time\":\"" + Times.format(System.currentTimeMillis()) + "\"}");
            assertThat(claim.statusCode()).as("claim: %s", claim.body()).isEqualTo(202);
            SseReader.Event claimed = await("offer.claimed over SSE").atMost(WITHIN).until(
                    () -> claimerApp.named("offer.claimed").stream().findFirst().orElse(null), e -> e != null);
            assertThat(claimed.json().get("offer_id").asText()).isEqualTo(taken);
            assertThat(claimed.json().get("ngo_id").asText()).isEqualTo(CLAIMER);

            // PostGIS holds what the app heard, no more, no less
            List<String> heard = claimerApp.events.stream().filter(e -> e.name().startsWith("offer."))
                    .map(e -> e.json().get("event_id").asText() + " " + e.name() + " " + e.json().get("offer_id").asText()).toList();
            await("PostGIS holding the claimer's decisions").atMost(WITHIN).untilAsserted(() ->
                    assertThat(live.db.strings("select event_id || ' ' || type || ' ' || offer_id from match_events where ngo_id = '"
                            + CLAIMER + "'")).containsExactlyInAnyOrderElementsOf(heard));
            assertThat(heard).hasSize(jakarta.size() + 1);

            // nobody could take the Jayapura offer: a dispatcher hears of it, and PostGIS has it
            SseReader.Event escalated = await("offer.escalated on the dispatchers' stream").atMost(WITHIN).until(
                    () -> dispatch.named("offer.escalated").stream().findFirst().orElse(null), e -> e != null);
            assertThat(escalated.json().get("offer_id").asText()).isEqualTo(NOBODY_S_OFFER);
            assertThat(escalated.id()).as("a dispatch event's id: <output seq>:<NGO seq>").matches("\\d+:\\d+");
            await("PostGIS holding a decision for every offer").atMost(WITHIN).untilAsserted(() -> {
                assertThat(live.db.strings("select offer_id || ' ' || reason from match_events where type = 'offer.escalated'"))
                        .containsExactly(NOBODY_S_OFFER + " no_candidate");
                assertThat(live.db.count("select count(distinct offer_id) from match_events where offer_id like 'gw-%'"))
                        .isEqualTo(OFFERS.size());
            });

            // the dispatcher's map, in a real browser
            List<String> open = OFFERS.stream().map(Offer::id).filter(id -> !id.equals(taken)).sorted().toList();
            List<String> ngoIds = Stream.concat(HTTP_NGOS.stream(), NATS_NGOS.stream()).map(Ngo::id).sorted().toList();
            try (HeadlessChromium chromium = HeadlessChromium.launch()) {
                chromium.navigate(origin + "/dispatch/?key=" + dispatcherKey);
                await("the map showing the open offers and the NGOs").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> {
                            JsonNode state = chromium.evaluate(DispatcherPage.STATE);
                            assertThat(DispatcherPage.strings(state.get("offerMarkers"))).as("open offers' markers").containsExactlyElementsOf(open);
                            assertThat(DispatcherPage.strings(state.get("escalatedMarkers"))).as("escalated markers").containsExactly(NOBODY_S_OFFER);
                            assertThat(DispatcherPage.strings(state.get("ngos"))).as("NGOs on the map").containsExactlyElementsOf(ngoIds);
                            assertThat(state.get("ngoMarkers").asInt()).isEqualTo(ngoIds.size());
                            assertThat(state.get("connection").asText()).isEqualTo("live");
                            assertThat(state.get("outline").asInt()).as("Indonesia's outline drawn").isPositive();
                        });
                Path screenshot = Path.of(System.getProperty("basedir", ".")).resolve("target/screenshots/dispatcher-live.png");
                chromium.screenshot(screenshot);
                assertThat(Files.size(screenshot)).isGreaterThan(10_000);
                System.out.println("GatewayLiveITCase: the dispatcher page as it stood: " + screenshot.toAbsolutePath().normalize());
                assertThat(chromium.consoleErrors()).as("the page's console errors").isEmpty();
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String client, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + keys.get(client))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "it-" + idempotency.incrementAndGet()) // one per event: a retry would resend it
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static InputEvent snapshot(Ngo ngo) {
        InputEvent e = new InputEvent();
        e.type = InputType.NGO_AVAILABILITY;
        e.ngoId = ngo.id();
        e.lat = ngo.lat();
        e.lon = ngo.lon();
        e.radiusKm = ngo.radiusKm();
        e.capacityKg = ngo.capacityKg();
        e.accepts = Category.maskOf(Category.values());
        e.hasColdChain = true;
        e.active = true;
        e.eventTime = System.currentTimeMillis();
        return e;
    }

    private static InputEvent posted(Offer offer) {
        long now = System.currentTimeMillis();
        InputEvent e = new InputEvent();
        e.type = InputType.OFFER_POSTED;
        e.offerId = offer.id();
        e.providerId = offer.provider();
        e.lat = offer.lat();
        e.lon = offer.lon();
        e.category = offer.category();
        e.quantityKg = offer.kg();
        e.portions = offer.category() == Category.COOKED_MEAL ? (int) Math.round(offer.kg() * 3) : null;
        e.halal = true;
        e.needsColdChain = offer.category() == Category.DAIRY || offer.category() == Category.FROZEN;
        e.eventTime = now;
        e.readyAt = now;
        e.expiresAt = now + 4 * HOUR;
        return e;
    }
}
