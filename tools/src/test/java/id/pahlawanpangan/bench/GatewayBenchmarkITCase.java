package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.gateway.ApiKeys;
import id.pahlawanpangan.gateway.GatewayNats;
import id.pahlawanpangan.gateway.GatewayServer;
import id.pahlawanpangan.gateway.GatewaySettings;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway benchmark end to end on the local nats-server, against the gateway in this JVM (as
 * {@code make demo} runs it; {@code bin/pangan bench-gateway} runs it in a process of its own):
 * the streams made and removed, every request of the mix valid (answered 202), the streams'
 * counts agreeing with the answers, the idempotent retries answered as duplicates.
 */
class GatewayBenchmarkITCase {
    @Test
    void measuresTheGatewayAndChecksTheStreams(@TempDir Path dir) throws Exception {
        NatsConnection nats = NatsConnection.fromEnvironment();
        GatewayBenchmark.Settings settings = new GatewayBenchmark.Settings();
        settings.rates = List.of(200, 400);
        settings.phase = Duration.ofSeconds(2);
        settings.warmUp = Duration.ofSeconds(1);
        settings.providers = 10;
        settings.ngos = 10;
        settings.workDir = dir;
        String[] namespace = new String[1];
        GatewayBenchmark.Launcher inProcess = (port, keys, ns, log) -> {
            namespace[0] = ns;
            GatewaySettings s = new GatewaySettings();
            s.port = port;
            s.namespace = ns;
            Connection connection = GatewayNats.connect(nats);
            GatewayServer server = new GatewayServer(s, ApiKeys.load(keys), connection).start();
            return new GatewayBenchmark.Gateway() {
                @Override
                public String baseUrl() {
                    return "http://127.0.0.1:" + server.port();
                }

                @Override
                public double cpuSeconds() {
                    return 0; // in this JVM: its CPU counts as the load generator's
                }

                @Override
                public boolean isAlive() {
                    return true;
                }

                @Override
                public String describe() {
                    return "the gateway in the test's JVM";
                }

                @Override
                public void close() throws Exception {
                    server.close();
                    connection.close();
                }
            };
        };

        GatewayBenchmark.Result result = new GatewayBenchmark(settings, nats, inProcess).run();

        assertThat(result.phases).hasSize(2);
        for (GatewayPhase p : result.phases) {
            assertThat(p.sent()).isEqualTo(p.requests());
            assertThat(p.ok()).as("%s: %s", p.name, p.notOk()).isEqualTo(p.requests());
        }
        assertThat(result.streamsAgree()).as(String.join("\n", result.streamCheck)).isTrue();
        assertThat(result.phases.get(1).duplicates()).isPositive();
        assertThat(new GatewayBenchReport(settings, result).results()).contains("| 400 | 800 | 400 | 800 | 0 |");
        try (Connection c = nats.connect("bench-gateway-test")) {
            assertThat(c.jetStreamManagement().getStreamNames()).noneMatch(s -> s.startsWith(namespace[0].toUpperCase(Locale.ROOT)));
        }
        assertThat(dir).isDirectoryNotContaining("glob:**/keys-*");
    }
}
