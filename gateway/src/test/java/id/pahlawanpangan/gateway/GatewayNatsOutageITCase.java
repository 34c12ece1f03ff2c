package id.pahlawanpangan.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS goes away under the gateway (a nats-server of the test's own, stopped and started again on
 * the same store): requests are answered 503 at once and nothing refused is stored later; the
 * health check says so; when NATS is back the gateway publishes again, and a retry with the
 * refused request's Idempotency-Key is stored once.
 */
class GatewayNatsOutageITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void whileNatsIsAwayRequestsAreRefusedAtOnceAndRetriesLandOnceItIsBack() throws Exception {
        int port = freePort();
        Subjects subjects = new Subjects("outage");
        Process nats = startNats(port);
        try {
            NatsConnection settings = NatsConnection.to("nats://127.0.0.1:" + port);
            try (Connection admin = settings.connect("outage-admin")) {
                admin.jetStreamManagement().addStream(StreamConfiguration.builder().name(subjects.inputStream(SourceStream.OFFERS))
                        .subjects(subjects.inputPrefix(SourceStream.OFFERS) + ".>").storageType(StorageType.File).build());
            }
            Path keys = dir.resolve("keys");
            String key = ApiKeys.add(keys, new Client(ClientRole.PROVIDER, "prov-1"));
            GatewaySettings gs = new GatewaySettings();
            gs.port = 0;
            gs.namespace = subjects.namespace();
            gs.ackTimeout = Duration.ofSeconds(2);
            try (Connection connection = GatewayNats.connect(settings);
                 GatewayServer gateway = new GatewayServer(gs, ApiKeys.load(keys), connection).start()) {
                HttpClient http = HttpClient.newHttpClient();
                assertThat(post(http, gateway, key, "o-1", "k-1").statusCode()).isEqualTo(202);

                nats.destroy();
                nats.waitFor();
                await("the health check sees NATS gone").atMost(Duration.ofSeconds(10))
                        .until(() -> get(http, gateway, "/healthz").statusCode() == 503);
                long before = System.nanoTime();
                HttpResponse<String> refused = post(http, gateway, key, "o-2", "k-2");
                long tookMs = (System.nanoTime() - before) / 1_000_000;
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("nats_unavailable");
                assertThat(tookMs).as("refused at once, not after the acknowledgement timeout").isLessThan(1_000);

                nats = startNats(port);
                await("the gateway reconnects").atMost(Duration.ofSeconds(20)).until(() -> get(http, gateway, "/healthz").statusCode() == 200);
                HttpResponse<String> retried = post(http, gateway, key, "o-2", "k-2");
                HttpResponse<String> again = post(http, gateway, key, "o-2", "k-2");
                assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
                assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
                long stored = connection.jetStreamManagement().getStreamInfo(subjects.inputStream(SourceStream.OFFERS)).getStreamState().getMsgCount();
                assertThat(stored).as("o-1 and o-2 once each: the refused request was not stored behind the client's back").isEqualTo(2);
            }
        } finally {
            nats.destroy();
        }
    }

    private static HttpResponse<String> post(HttpClient http, GatewayServer gateway, String key, String offerId, String idempotencyKey) throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String body = "{\"offer_id\":\"" + offerId + "\",\"lat\":-6.2,\"lon\":106.8,\"category\":\"bakery\",\"quantity_kg\":5,\"halal\":true,"
                + "\"needs_cold_chain\":false,\"ready_at\":\"" + now + "\",\"expires_at\":\"" + now.plus(Duration.ofHours(3)) + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/offers"))
                .header("Authorization", "Bearer " + key).header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, GatewayServer gateway, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process startNats(int port) throws IOException {
        String binary = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
        Process p = new ProcessBuilder(List.of(binary, "-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd", dir.resolve("store").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nats.log").toFile())).start();
        await("nats-server listens on " + port).atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
