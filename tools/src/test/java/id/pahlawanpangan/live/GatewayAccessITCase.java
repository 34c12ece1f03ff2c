package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.access.AccessDirectory;
import id.pahlawanpangan.access.Member;
import id.pahlawanpangan.access.NatsPermissions;
import id.pahlawanpangan.access.Role;
import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.nats.NatsErrors;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.gateway.ApiKeys;
import id.pahlawanpangan.gateway.Client;
import id.pahlawanpangan.gateway.ClientRole;
import id.pahlawanpangan.gateway.GatewayNats;
import id.pahlawanpangan.gateway.GatewayServer;
import id.pahlawanpangan.gateway.GatewaySettings;
import id.pahlawanpangan.gateway.SseReader;
import io.nats.client.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as the NATS user `pangan access add --role gateway` makes, on a nats-server of the
 * test's own started with the repo's configuration: everything the gateway serves works with
 * that user's permissions (publishing for any provider and NGO, the event streams' consumers), and
 * the user may not publish a decision.
 */
class GatewayAccessITCase {
    @TempDir
    Path dir;

    @Test
    void theGatewaysNatsUserServesEveryRouteAndCannotPublishDecisions() throws Exception {
        Subjects subjects = new Subjects("gwacc" + Long.toString(System.nanoTime(), 36));
        Path config = dir.resolve("nats");
        AccessDirectory access = AccessDirectory.create(config, subjects);
        access.addWithNewKey(Role.GATEWAY, "gw-1");
        Files.writeString(config.resolve("nats-server.conf"), Files.readString(Path.of("..", "nats", "nats-server.conf"))
                .replace("store_dir: /var/lib/nats-server", "store_dir: \"" + dir.resolve("store") + "\""));
        try (PrivateServers.Nats server = new PrivateServers.Nats(dir.resolve("store"), config.resolve("nats-server.conf"))) {
            server.start();
            try (Connection admin = as(access, config, server, Role.ADMIN, "admin").connect("admin")) {
                PanganStreams.ensureAll(admin, subjects, LiveFixture.TEST_STREAM_LIMITS);
            }
            Path keys = dir.resolve("gateway-keys");
            String provider = ApiKeys.add(keys, new Client(ClientRole.PROVIDER, "prov-1"));
            String ngo = ApiKeys.add(keys, new Client(ClientRole.NGO, "ngo-1"));
            String dispatcher = ApiKeys.add(keys, new Client(ClientRole.DISPATCHER, "desk-1"));
            GatewaySettings settings = new GatewaySettings();
            settings.port = 0;
            settings.namespace = subjects.namespace();
            NatsConnection asGateway = as(access, config, server, Role.GATEWAY, "gw-1");
            HttpClient http = HttpClient.newHttpClient();
            try (Connection nats = GatewayNats.connect(asGateway);
                 GatewayServer gateway = new GatewayServer(settings, ApiKeys.load(keys), nats).start();
                 Connection admin = as(access, config, server, Role.ADMIN, "admin").connect("admin")) {
                URI origin = URI.create("http://127.0.0.1:" + gateway.port());
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                assertThat(send(http, origin, "PUT", "/v1/ngos/ngo-1/availability", ngo, "{\"lat\":-6.2,\"lon\":106.8,\"radius_km\":5,"
                        + "\"capacity_kg\":100,\"accepts\":[\"bakery\"],\"halal_only\":false,\"has_cold_chain\":true,\"active\":true}")).isEqualTo(202);
                assertThat(send(http, origin, "POST", "/v1/offers", provider, "{\"offer_id\":\"o-1\",\"lat\":-6.2,\"lon\":106.8,"
                        + "\"category\":\"bakery\",\"quantity_kg\":5,\"halal\":true,\"needs_cold_chain\":false,\"ready_at\":\"" + now
                        + "\",\"expires_at\":\"" + now.plus(Duration.ofHours(2)) + "\"}")).isEqualTo(202);
                assertThat(send(http, origin, "POST", "/v1/offers/o-1/claim", ngo, "")).isEqualTo(202);

                try (SseReader own = new SseReader(http, origin.resolve("/v1/ngos/ngo-1/events"), ngo, null);
                     SseReader desk = new SseReader(http, origin.resolve("/v1/dispatch/events"), dispatcher, null)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> !own.named("ready").isEmpty() && !desk.named("ready").isEmpty());
                    admin.jetStream().publish(subjects.outputs() + ".ngo-1.ngo.offer.proposed",
                            "{\"type\":\"offer.proposed\",\"offer_id\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));
                    await("an NGO's decision through the gateway user's consumer").atMost(Duration.ofSeconds(10))
                            .until(() -> !own.named("offer.proposed").isEmpty());
                    await("the dispatchers' stream: the decision and the NGO's snapshot").atMost(Duration.ofSeconds(10))
                            .until(() -> !desk.named("offer.proposed").isEmpty() && !desk.named("ngo.availability").isEmpty());
                }

                String decision = subjects.outputs() + ".ngo-1.ngo.offer.claimed";
                nats.publish(decision, "{}".getBytes(StandardCharsets.UTF_8));
                NatsErrors errors = (NatsErrors) nats.getOptions().getErrorListener();
                await("the gateway's user publishing a decision is refused").atMost(Duration.ofSeconds(5)).until(() -> {
                    String v = errors.lastPermissionViolation();
                    return v != null && v.contains("Permissions Violation for Publish") && v.contains("\"" + decision + "\"");
                });
                assertThat(admin.jetStreamManagement().getStreamInfo(subjects.outputStream()).getStreamState().getMsgCount())
                        .as("only the admin's decision is in the output stream").isEqualTo(1);
            }
        }
    }

    private static int send(HttpClient http, URI origin, String method, String path, String key, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(origin.resolve(path)).header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(500);
        return r.statusCode();
    }

    private static NatsConnection as(AccessDirectory access, Path config, PrivateServers.Nats server, Role role, String id) {
        Member m = access.find(role, id).orElseThrow();
        Path seed = config.resolve(AccessDirectory.SEEDS).resolve(role.wireName() + "-" + Subjects.token(id) + ".nk");
        return NatsConnection.to(server.url()).withNkeySeed(Secret.fromFile(seed.toString())).withInboxPrefix(NatsPermissions.inboxPrefix(m));
    }
}
