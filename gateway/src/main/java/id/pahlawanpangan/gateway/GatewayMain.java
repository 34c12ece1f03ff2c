package id.pahlawanpangan.gateway;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/pangan-gateway}: serve, and manage the clients' keys. */
@Command(name = "pangan-gateway", mixinStandardHelpOptions = true,
        subcommands = {GatewayMain.Serve.class, GatewayMain.Keys.class},
        description = "The HTTP gateway of Pahlawan Pangan: providers, NGOs and dispatchers over HTTP instead of NATS.")
public final class GatewayMain {
    /** Replies of the gateway's NATS user come under this prefix (docs/SECURITY.md: private inboxes). */
    static final String INBOX_PREFIX = "_INBOX_gateway";

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayMain()).execute(args));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serves the API, the event streams and the dispatcher page. NATS as the job connects "
                    + "(PANGAN_NATS_URL, PANGAN_NATS_NKEY_SEED_FILE, PANGAN_NATS_TLS_CA_FILE, ...).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
        String host = "127.0.0.1";

        @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port = 8088;

        @Option(names = "--keys", description = "The clients' keys file (default: $PANGAN_GATEWAY_KEYS_FILE).")
        Path keys;

        @Option(names = "--namespace", description = "The deployment's subjects and streams (default: ${DEFAULT-VALUE}).")
        String namespace = Subjects.DEFAULT_NAMESPACE;

        @Option(names = "--max-payload-bytes", description = "The job's input.max-payload-bytes (default: ${DEFAULT-VALUE}).")
        int maxPayloadBytes = 16_384;

        @Option(names = "--max-clock-skew", converter = DurationOption.class,
                description = "The job's input.max-clock-skew (default: 1min).")
        Duration maxClockSkew = Duration.ofMinutes(1);

        @Option(names = "--dispatch-lookback", converter = DurationOption.class,
                description = "How far back the dispatcher page starts (default: 6h).")
        Duration dispatchLookback = Duration.ofHours(6);

        @Override
        public Integer call() throws Exception {
            Path keysFile = keys != null ? keys : pathFromEnvironment();
            GatewaySettings settings = new GatewaySettings();
            settings.host = host;
            settings.port = port;
            settings.namespace = namespace;
            settings.maxPayloadBytes = maxPayloadBytes;
            settings.maxClockSkew = maxClockSkew;
            settings.dispatchLookback = dispatchLookback;
            NatsConnection natsSettings = NatsConnection.fromEnvironment();
            if (System.getenv("PANGAN_NATS_INBOX_PREFIX") == null) {
                natsSettings = natsSettings.withInboxPrefix(INBOX_PREFIX);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            try (Connection nats = GatewayNats.connect(natsSettings);
                 GatewayServer server = new GatewayServer(settings, ApiKeys.load(keysFile), nats).start()) {
                System.out.println("gateway: http://" + host + ":" + server.port() + "/  (API /v1, page /dispatch/, metrics /metrics)");
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "pangan-gateway-stop"));
                stopped.await();
            }
            return 0;
        }

        private static Path pathFromEnvironment() {
            String file = System.getenv("PANGAN_GATEWAY_KEYS_FILE");
            if (file == null || file.isBlank()) {
                throw new CommandLine.ParameterException(new CommandLine(new Serve()),
                        "the gateway needs its clients' keys: --keys FILE or PANGAN_GATEWAY_KEYS_FILE");
            }
            return Path.of(file);
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, subcommands = {AddKey.class, ListKeys.class, RemoveKey.class},
            description = "The clients' keys file: only hashes; a key is shown once, when it is made.")
    static final class Keys {}

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a client and prints its new key (once).")
    static final class AddKey implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "The keys file (made if missing).")
        Path file;

        @Option(names = "--role", required = true, description = "provider, ngo or dispatcher.")
        String role;

        @Option(names = "--id", required = true, description = "The provider's, NGO's or dispatcher's id.")
        String id;

        @Override
        public Integer call() throws Exception {
            System.out.println(ApiKeys.add(file, new Client(ClientRole.fromWire(role), id)));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the clients of a keys file.")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--file", required = true)
        Path file;

        @Override
        public Integer call() throws Exception {
            ApiKeys.clients(file).stream().map(Client::toString).sorted().forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a client's key: the gateway refuses it within a second.")
    static final class RemoveKey implements Callable<Integer> {
        @Option(names = "--file", required = true)
        Path file;

        @Option(names = "--role", required = true)
        String role;

        @Option(names = "--id", required = true)
        String id;

        @Override
        public Integer call() throws Exception {
            boolean removed = ApiKeys.remove(file, new Client(ClientRole.fromWire(role), id));
            System.out.println(removed ? "removed " + role + " " + id : "no key for " + role + " " + id);
            return removed ? 0 : 1;
        }
    }
}
