package id.pahlawanpangan.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A nats-server and a PostgreSQL server of the test's own, on free loopback ports, from the
 * machine's Debian packages, so a test can restart them without disturbing anything else.
 */
final class PrivateServers {
    private PrivateServers() {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void waitForPort(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after " + timeoutMs + " ms");
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** nats-server with JetStream, its store in a directory that survives restarts. */
    static final class Nats implements AutoCloseable {
        private final Path store;
        private final Path config;
        private final int port;
        private final int monitoringPort;
        private Process process;

        Nats(Path store) throws IOException {
            this(store, null);
        }

        /** With this configuration file (its address and ports overridden by the test's). */
        Nats(Path store, Path config) throws IOException {
            this.store = store;
            this.config = config;
            this.port = freePort();
            this.monitoringPort = freePort();
        }

        /** The names of the clients connected now, from the server's monitoring endpoint (connz). */
        List<String> clientNames() throws IOException, InterruptedException {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitoringPort + "/connz?limit=10000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> names = new ArrayList<>();
            for (JsonNode connection : new ObjectMapper().readTree(response.body()).path("connections")) {
                names.add(connection.path("name").asText("(unnamed)"));
            }
            return names;
        }

        String url() {
            return "nats://127.0.0.1:" + port;
        }

        int port() {
            return port;
        }

        /** What the server logged so far. */
        String log() throws IOException {
            return Files.readString(store.resolveSibling("nats-" + port + ".log"));
        }

        void start() throws IOException, InterruptedException {
            String binary = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
            List<String> command = new ArrayList<>(List.of(binary, "-a", "127.0.0.1", "-p", Integer.toString(port), "-m", Integer.toString(monitoringPort)));
            if (config != null) {
                command.addAll(List.of("-c", config.toString())); // JetStream and its store as the file says
            } else {
                command.addAll(List.of("-js", "-sd", store.toString()));
            }
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(store.resolveSibling("nats-" + port + ".log").toFile()).start();
            waitForPort(port, 10_000);
            waitForPort(monitoringPort, 10_000);
        }

        void stop() throws InterruptedException {
            if (process != null) {
                process.destroy();
                process.waitFor();
                process = null;
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** A PostgreSQL 15 cluster in a directory of its own, owned by the postgres user, with PostGIS available. */
    static final class Postgres implements AutoCloseable {
        private static final String BIN = "/usr/lib/postgresql/15/bin/";
        private final Path data;
        private final int port;

        Postgres(Path parent) throws IOException, InterruptedException {
            this.data = parent.resolve("pgdata");
            this.port = freePort();
            Files.createDirectories(parent);
            run(List.of("chown", "postgres", parent.toString()));
            run(asPostgres(BIN + "initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync"));
        }

        String server() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/";
        }

        void start() throws IOException, InterruptedException {
            run(asPostgres(BIN + "pg_ctl", "-D", data.toString(), "-w", "-l", data.resolveSibling("postgres.log").toString(),
                    "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + data.getParent(), "start"));
        }

        void stop() throws IOException, InterruptedException {
            run(asPostgres(BIN + "pg_ctl", "-D", data.toString(), "-w", "-m", "fast", "stop"));
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                stop();
            } catch (IllegalStateException alreadyStopped) {
                // stopped by the test
            }
        }

        private static List<String> asPostgres(String... command) {
            List<String> full = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(List.of(command));
            return full;
        }
    }
}
