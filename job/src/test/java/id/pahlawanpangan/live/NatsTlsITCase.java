package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.nats.NatsTls;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's NATS connections over TLS, from PEM files as a Kubernetes Secret holds them: a CA
 * and a server certificate made with openssl, on a nats-server of the test's own that requires
 * TLS (and, in the second case, a client certificate too).
 */
class NatsTlsITCase {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=pangan-test-ca", "-keyout", "ca.key", "-out", "ca.crt");
        for (String name : List.of("server", "client")) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=" + name,
                    "-keyout", name + ".key", "-out", name + ".csr");
            Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                    "-extfile", name + ".ext", "-out", name + ".crt");
        }
    }

    @Test
    void theJobConnectsOverTlsTrustingItsCa() throws Exception {
        try (PrivateServers.Nats server = tlsServer("tls", false)) {
            server.start();
            NatsConnection tls = NatsConnection.to(server.url()).withTls(new NatsTls(file("ca.crt"), null, null));
            roundTrip(tls);
            assertThatThrownBy(() -> NatsConnection.to(server.url()).connect("no-tls").close()).as("without TLS").isNotNull();
        }
    }

    @Test
    void aServerThatVerifiesClientsTakesTheJobsCertificate() throws Exception {
        try (PrivateServers.Nats server = tlsServer("mtls", true)) {
            server.start();
            roundTrip(NatsConnection.to(server.url()).withTls(new NatsTls(file("ca.crt"), file("client.crt"), file("client.key"))));
            assertThatThrownBy(() -> NatsConnection.to(server.url()).withTls(new NatsTls(file("ca.crt"), null, null)).connect("no-client-cert").close())
                    .as("without a client certificate").isNotNull();
        }
    }

    private static void roundTrip(NatsConnection connection) throws Exception {
        try (Connection c = connection.connect("tls-test")) {
            Subscription sub = c.subscribe("pangan.tls.check");
            c.flush(Duration.ofSeconds(2));
            c.publish("pangan.tls.check", "over TLS".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("over TLS");
        }
    }

    private static PrivateServers.Nats tlsServer(String name, boolean verifyClients) throws Exception {
        Path config = dir.resolve(name + ".conf");
        Files.writeString(config, "tls {\n  cert_file: \"" + file("server.crt") + "\"\n  key_file: \"" + file("server.key") + "\"\n  ca_file: \""
                + file("ca.crt") + "\"\n" + (verifyClients ? "  verify: true\n" : "") + "}\n");
        return new PrivateServers.Nats(dir.resolve(name + "-store"), config);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
