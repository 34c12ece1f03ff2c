package id.pahlawanpangan.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
  * The dispatcher page as built into the classes (gateway/web, build.mjs), in headless Chromium, against a scripted
  * {@code /v1/dispatch/events}: the markers and counts follow the stream (across a reconnect with Last-Event-ID and a
  * resent event), unknown event types are ignored, the console stays clean, and the page asks no other host for
  * anything. Needs /usr/bin/chromium: scripts/chromium installs it.
  */
class DispatcherPageTest {

    private static final String KEY = "pgk_dispatcher-test-key-0123456789abcdefghijk";

    // The stream as the gateway would send it (the spec's SSE section), in two connections: the first ends after
    // offer o-3 was proposed, so EventSource reconnects with Last-Event-ID 3; the second resends 3 (a replay the page
    // must not count twice), escalates o-2, sees o-1 claimed, and carries a type this page does not know.
    private static final List<String> FIRST_CONNECTION = List.of(
            event("n11", "ngo.availability", """
                    {"type":"ngo.availability","ngo_id":"ngo-jkt-01","lat":-6.19,"lon":106.83,"radius_km":60,"capacity_kg":120,\
                    "accepts":["bakery","produce"],"halal_only":true,"has_cold_chain":true,"active":true,\
                    "event_time":"2026-11-30T09:00:00Z"}"""),
            event("n12", "ngo.availability", """
                    {"type":"ngo.availability","ngo_id":"ngo-sby-02","lat":-7.26,"lon":112.75,"radius_km":45,"capacity_kg":80,\
                    "accepts":[],"halal_only":false,"has_cold_chain":false,"active":true,"event_time":"2026-11-30T09:01:00Z"}"""),
            event("1", "offer.proposed", """
                    {"event_id":"e-1","type":"offer.proposed","offer_id":"o-1","at":"2026-11-30T10:00:00Z","ngo_id":"ngo-jkt-01",\
                    "attempt":1,"tier":1,"distance_km":1.2,"hold_until":"2026-11-30T10:05:00Z","lat":-6.21,"lon":106.85,\
                    "quantity_kg":12.5,"category":"bakery"}"""),
            event("2", "offer.proposed", """
                    {"event_id":"e-2","type":"offer.proposed","offer_id":"o-2","at":"2026-11-30T10:01:00Z","ngo_id":"ngo-sby-02",\
                    "attempt":1,"tier":1,"distance_km":3.4,"hold_until":"2026-11-30T10:06:00Z","lat":-7.29,"lon":112.73,\
                    "quantity_kg":40.0,"category":"prepared_meal"}"""),
            event("3", "offer.proposed", """
                    {"event_id":"e-3","type":"offer.proposed","offer_id":"o-3","at":"2026-11-30T10:02:00Z","ngo_id":"ngo-jkt-01",\
                    "attempt":1,"tier":2,"distance_km":48.0,"hold_until":"2026-11-30T10:07:00Z","lat":-6.91,"lon":107.61,\
                    "quantity_kg":8.0,"category":"produce"}"""));
    private static final List<String> SECOND_CONNECTION = List.of(
            FIRST_CONNECTION.get(4),
            event("4", "offer.escalated", """
                    {"event_id":"e-4","type":"offer.escalated","offer_id":"o-2","at":"2026-11-30T10:06:00Z","reason":"no_ngo_in_range",\
                    "lat":-7.29,"lon":112.73,"quantity_kg":40.0,"category":"prepared_meal"}"""),
            event("5", "offer.claimed", """
                    {"event_id":"e-5","type":"offer.claimed","offer_id":"o-1","at":"2026-11-30T10:03:00Z","ngo_id":"ngo-jkt-01",\
                    "lat":-6.21,"lon":106.85,"quantity_kg":12.5,"category":"bakery"}"""),
            event("6", "offer.teleported", """
                    {"event_id":"e-6","type":"offer.teleported","offer_id":"o-3","lat":0,"lon":0}"""));
    private static final int COUNTED_EVENTS = 7; // 2 NGOs + 3 proposed + escalated + claimed; not the replay nor 6

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private ExecutorService threads;
    private HttpServer server;
    private Path pageDir;
    private String origin;

    @BeforeEach
    void serve() throws IOException, URISyntaxException {
        URL index = DispatcherPageTest.class.getResource("/dispatch/index.html");
        assertThat(index)
                .as("the built page on the classpath (/dispatch/index.html): mvn package runs npm ci and gateway/web/build.mjs")
                .isNotNull();
        pageDir = Path.of(index.toURI()).getParent();

        threads = Executors.newCachedThreadPool(); // an SSE stream holds its thread while the page loads its files
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::serveFile);
        server.createContext("/v1/dispatch/events", this::serveEvents);
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        stopping.countDown();
        if (server != null) {
            server.stop(0);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    @Test
    void mapFollowsTheDispatchStream() throws Exception {
        assertThat(Files.isExecutable(HeadlessChromium.CHROMIUM))
                .as(HeadlessChromium.CHROMIUM + " is missing: run scripts/chromium (installs Debian's chromium package)")
                .isTrue();

        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            chromium.navigate(origin + "/dispatch/?key=" + KEY);

            JsonNode[] state = new JsonNode[1];
            await("the page's markers to match the stream").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        state[0] = chromium.evaluate(DispatcherPage.STATE);
                        assertThat(DispatcherPage.strings(state[0].get("offerMarkers"))).as("open offer markers").containsExactly("o-2", "o-3");
                        assertThat(DispatcherPage.strings(state[0].get("escalatedMarkers"))).as("escalated markers").containsExactly("o-2");
                        assertThat(state[0].get("ngoMarkers").asInt()).as("NGO markers").isEqualTo(2);
                        assertThat(state[0].get("events").asInt()).as("events counted").isEqualTo(COUNTED_EVENTS);
                        assertThat(DispatcherPage.strings(state[0].get("header"))).as("header counts").containsExactly("2", "1", "2");
                        assertThat(state[0].get("connection").asText()).isEqualTo("live");
                        assertThat(state[0].get("outline").asInt()).as("Indonesia's outline drawn").isPositive();
                    });
            JsonNode page = state[0];
            assertThat(DispatcherPage.strings(page.get("offers"))).containsExactly("o-2", "o-3");
            assertThat(DispatcherPage.strings(page.get("ngos"))).containsExactly("ngo-jkt-01", "ngo-sby-02");
            assertThat(page.get("ngoReach").asInt()).isEqualTo(2);
            assertThat(page.get("search").asText()).as("the key taken out of the address bar").doesNotContain(KEY);
            assertThat(chromium.evaluate("sessionStorage.getItem('pangan.dispatcherKey')").asText()).isEqualTo(KEY);

            // EventSource came back by itself where the first connection ended
            assertThat(connections.get()).isEqualTo(2);
            assertThat(lastEventIds).containsExactly("", "3");

            // the map as it stands (before the popup below pans it): docs and a person's look
            Path screenshot = pageDir.getParent().getParent().resolve("screenshots/dispatcher-page-scripted.png");
            chromium.screenshot(screenshot);
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);

            // the escalated offer's popup says what a dispatcher needs
            String popup = chromium.evaluate("""
                    new Promise((resolve) => {
                        document.querySelector('path.offer-escalated').dispatchEvent(new MouseEvent('click', {bubbles: true}));
                        setTimeout(() => resolve(document.querySelector('.leaflet-popup-content')?.textContent ?? ''), 0);
                    })""").asText();
            assertThat(popup).contains("o-2", "prepared_meal", "40", "escalated", "no_ngo_in_range");

            // nothing from a tile server, a CDN or any other host: the page and its files come from the gateway only
            List<String> resources = DispatcherPage.strings(chromium.evaluate(
                    "[location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]"));
            assertThat(resources).hasSizeGreaterThan(4).allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
            assertThat(requests).contains("/dispatch/leaflet.js", "/dispatch/indonesia.geojson", "/dispatch/app.js");
            assertThat(problems).isEmpty();
            assertThat(chromium.consoleErrors()).isEmpty();

        }
    }

    /** The built page's files, as the gateway serves them at /dispatch/; any other path is a 404 noted as a problem. */
    private void serveFile(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(path);
        Path file = null;
        if (path.startsWith("/dispatch/")) {
            String relative = path.substring("/dispatch/".length());
            file = pageDir.resolve(relative.isEmpty() ? "index.html" : relative).normalize();
        }
        if (file == null || !file.startsWith(pageDir) || !Files.isRegularFile(file)) {
            problems.add("404 " + path);
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, contentType(file), Files.readAllBytes(file));
    }

    private void serveEvents(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestURI().getPath());
        String token = query(exchange).get("access_token");
        if (!KEY.equals(token)) {
            problems.add("events asked with access_token " + token);
            send(exchange, 401, "application/json",
                    "{\"error\":\"unauthenticated\",\"message\":\"a dispatcher key\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        lastEventIds.add(lastEventId == null ? "" : lastEventId);
        int connection = connections.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            List<String> events = switch (connection) {
                case 1 -> FIRST_CONNECTION;
                case 2 -> SECOND_CONNECTION;
                default -> List.of();
            };
            write(out, "retry: 200\n\n"); // reconnect soon after the first connection ends
            for (String event : events) {
                write(out, event);
            }
            if (connection >= 2) {
                stopping.await(60, TimeUnit.SECONDS); // live: the stream stays open until the test ends
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away
        }
    }

    private static String event(String id, String type, String data) {
        return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        if (name.endsWith(".geojson") || name.endsWith(".json") || name.endsWith(".map")) return "application/json";
        if (name.endsWith(".png")) return "image/png";
        if (name.endsWith(".svg")) return "image/svg+xml";
        return "application/octet-stream";
    }
}
