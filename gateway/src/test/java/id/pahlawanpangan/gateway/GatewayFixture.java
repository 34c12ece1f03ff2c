package id.pahlawanpangan.gateway;

import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A gateway on a free loopback port, on the machine's nats-server, in a namespace of its own
 * (streams made here, removed on close), with one client of each kind and their keys.
 */
final class GatewayFixture implements AutoCloseable {
    static final String NATS_URL = System.getenv().getOrDefault("PANGAN_TEST_NATS_URL", "nats://127.0.0.1:4222");
    static final String PROVIDER = "prov-jkt-0001";
    static final String OTHER_PROVIDER = "prov-sby-0002";
    static final String NGO = "ngo-jkt-0042";
    static final String OTHER_NGO = "ngo-bdg-0007";
    static final String DISPATCHER = "desk-jakarta";

    final Subjects subjects = new Subjects("gw" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    final Connection nats;
    final Path dir;
    final Map<String, String> keys;
    final GatewayServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    GatewayFixture() throws Exception {
        this(new GatewaySettings());
    }

    GatewayFixture(GatewaySettings settings) throws Exception {
        nats = Nats.connect(NATS_URL);
        createStreams();
        dir = Files.createTempDirectory("pangan-gateway");
        Path keysFile = dir.resolve("keys");
        keys = Map.of(
                PROVIDER, ApiKeys.add(keysFile, new Client(ClientRole.PROVIDER, PROVIDER)),
                OTHER_PROVIDER, ApiKeys.add(keysFile, new Client(ClientRole.PROVIDER, OTHER_PROVIDER)),
                NGO, ApiKeys.add(keysFile, new Client(ClientRole.NGO, NGO)),
                OTHER_NGO, ApiKeys.add(keysFile, new Client(ClientRole.NGO, OTHER_NGO)),
                DISPATCHER, ApiKeys.add(keysFile, new Client(ClientRole.DISPATCHER, DISPATCHER)));
        settings.port = 0;
        settings.heartbeat = Duration.ofSeconds(1); // a closed stream is noticed within a second
        settings.namespace = subjects.namespace();
        server = new GatewayServer(settings, ApiKeys.load(keysFile), nats).start();
    }

    /** The job's four streams, as PanganStreams makes them, small. */
    private void createStreams() throws Exception {
        JetStreamManagement jsm = nats.jetStreamManagement();
        for (SourceStream s : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
            jsm.addStream(StreamConfiguration.builder().name(subjects.inputStream(s)).subjects(subjects.inputPrefix(s) + ".>")
                    .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(2)).maxBytes(64L << 20).build());
        }
        jsm.addStream(StreamConfiguration.builder().name(subjects.outputStream()).subjects(subjects.outputs() + ".>")
                .storageType(StorageType.File).maxBytes(64L << 20).build());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> send(String method, String path, String clientId, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (clientId != null) {
            b.header("Authorization", "Bearer " + keys.get(clientId));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sendBytes(String method, String path, String clientId, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + keys.get(clientId));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every message of an input stream, in order. */
    List<MessageInfo> stored(SourceStream stream) throws Exception {
        JetStreamManagement jsm = nats.jetStreamManagement();
        String name = subjects.inputStream(stream);
        long last = jsm.getStreamInfo(name).getStreamState().getLastSequence();
        List<MessageInfo> messages = new ArrayList<>();
        for (long seq = 1; seq <= last; seq++) {
            messages.add(jsm.getMessage(name, seq));
        }
        return messages;
    }

    long storedCount() throws Exception {
        long n = 0;
        for (SourceStream s : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
            n += nats.jetStreamManagement().getStreamInfo(subjects.inputStream(s)).getStreamState().getMsgCount();
        }
        return n;
    }

    @Override
    public void close() throws Exception {
        server.close();
        JetStreamManagement jsm = nats.jetStreamManagement();
        for (String name : jsm.getStreamNames()) {
            if (name.startsWith(subjects.namespace().toUpperCase() + "_")) {
                jsm.deleteStream(name);
            }
        }
        nats.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
