package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.live.PanganStreams;
import id.pahlawanpangan.live.StreamLimits;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.workload.AppEvents;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP gateway alone under an open-loop load at fixed offered rates: a JetStream namespace of
 * its own with the product's streams ({@link PanganStreams}, as {@code pangan streams} creates
 * them), a keys file of generated providers, NGOs and a dispatcher, the gateway in a process of
 * its own on a free port, and the {@link GatewayMix} of requests (no job reads the streams: claims
 * are published and nothing more). Per rate: achieved requests/s, answers by status, latency
 * percentiles from each request's place in the schedule, the CPU of the gateway, of this load
 * generator and of nats-server. Afterwards JetStream's own counts of the input streams are checked
 * against the 2xx answers. The gateway is stopped and the streams deleted at the end, on failure
 * and on Ctrl-C too.
 */
public final class GatewayBenchmark {
    /** What to run. */
    public static final class Settings {
        public List<Integer> rates = List.of(1000, 2000, 3000);
        public Duration phase = Duration.ofSeconds(20);
        public Duration warmUp = Duration.ofSeconds(5);
        public int providers = 200;
        public int ngos = 200;
        /**
         * Connections at most, each with one request outstanding: beyond, requests wait their turn (and the wait counts in
         * their latency), so that a stalled gateway is not sent thousands of connections.
         */
        public int maxInFlight = 256;
        public Duration requestTimeout = Duration.ofSeconds(10);
        public long seed = 11;
        public Path workDir = Path.of("target", "bench-gateway");
    }

    /** The gateway under test, however started. */
    public interface Gateway extends AutoCloseable {
        String baseUrl();

        /** CPU seconds it has used so far. */
        double cpuSeconds();

        boolean isAlive();

        /** Where to look when it fails (its pid and log). */
        String describe();
    }

    /** Starts a gateway on loopback at {@code port} with this keys file and namespace, its output into {@code log}. */
    public interface Launcher {
        Gateway start(int port, Path keysFile, String namespace, Path log) throws Exception;
    }

    /** The measured phases, the warm-up, and the streams' check. */
    public static final class Result {
        final String namespace;
        final GatewayPhase warmUp;
        final List<GatewayPhase> phases;
        final List<String> streamCheck;
        final boolean streamsAgree;

        Result(String namespace, GatewayPhase warmUp, List<GatewayPhase> phases, List<String> streamCheck, boolean streamsAgree) {
            this.namespace = namespace;
            this.warmUp = warmUp;
            this.phases = phases;
            this.streamCheck = streamCheck;
            this.streamsAgree = streamsAgree;
        }

        public boolean streamsAgree() {
            return streamsAgree;
        }
    }

    private final Settings settings;
    private final NatsConnection nats;
    private final Launcher launcher;

    public GatewayBenchmark(Settings settings, NatsConnection nats, Launcher launcher) {
        this.settings = settings;
        this.nats = nats;
        this.launcher = launcher;
    }

    /** {@code bin/pangan-gateway} run as a process, with this extra environment. */
    public static Launcher process(Path command, Map<String, String> environment) {
        return GatewayProcess.launcher(command, environment);
    }

    public Result run() throws Exception {
        warnIfBusy();
        Files.createDirectories(settings.workDir);
        SecureRandom random = new SecureRandom();
        String token = Long.toString(System.currentTimeMillis() / 1000, 36) + Integer.toString(random.nextInt(36 * 36), 36);
        Subjects subjects = new Subjects("gwbench" + token);
        Path keys = settings.workDir.resolve("keys-" + subjects.namespace() + ".txt");
        Path log = settings.workDir.resolve("gateway-" + subjects.namespace() + ".log");
        Cleanup cleanup = new Cleanup(subjects, keys);
        Thread hook = new Thread(cleanup::run, "bench-gateway-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Connection connection = nats.connect("pangan-bench-gateway")) {
            System.out.println("bench-gateway: namespace " + subjects.namespace() + ": creating its streams");
            cleanup.streamsCreated = true;
            PanganStreams.ensureAll(connection, subjects, StreamLimits.defaults());
            AppEvents events = new AppEvents(settings.providers, settings.ngos, settings.seed);
            GatewayClients clients = new GatewayClients(events.providerIds(), events.ngoIds());
            clients.writeKeysFile(keys);
            int port = freePort();
            System.out.printf("bench-gateway: starting the gateway on port %d (%d providers, %d NGOs, 1 dispatcher; log %s)%n",
                    port, settings.providers, settings.ngos, log);
            cleanup.gateway = launcher.start(port, keys, subjects.namespace(), log);
            awaitHealthy(cleanup.gateway, log);
            GatewayMix mix = new GatewayMix(events, clients, "gwb" + token, settings.seed);
            List<Integer> rates = settings.rates.stream().sorted().toList();
            GatewayPhase warmUp = new GatewayPhase("warm-up", rates.get(0), settings.warmUp);
            List<GatewayPhase> phases = new ArrayList<>();
            try (GatewayLoad load = new GatewayLoad(cleanup.gateway.baseUrl(), mix, settings.maxInFlight, settings.requestTimeout)) {
                measure(warmUp, load, cleanup.gateway);
                for (int rate : rates) {
                    GatewayPhase phase = new GatewayPhase(rate + "/s", rate, settings.phase);
                    measure(phase, load, cleanup.gateway);
                    phases.add(phase);
                }
            }
            List<GatewayPhase> all = new ArrayList<>();
            all.add(warmUp);
            all.addAll(phases);
            List<String> check = new ArrayList<>();
            boolean agree = checkStreams(connection.jetStreamManagement(), subjects, all, check);
            check.forEach(line -> System.out.println("bench-gateway: " + line));
            return new Result(subjects.namespace(), warmUp, phases, check, agree);
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or has run: cleanup runs once
            }
        }
    }

    private void measure(GatewayPhase phase, GatewayLoad load, Gateway gateway) throws IOException {
        System.out.printf("bench-gateway: %s: %d requests/s for %d s ...%n", phase.name, phase.offeredPerSecond, phase.duration.toSeconds());
        double gatewayCpu = gateway.cpuSeconds();
        double clientCpu = JvmCpu.seconds();
        double natsCpu = ProcessCpu.ofCommand("nats-server");
        long start = System.nanoTime();
        load.run(phase);
        phase.seconds = (System.nanoTime() - start) / 1e9;
        phase.gatewayCpu = gateway.cpuSeconds() - gatewayCpu;
        phase.clientCpu = JvmCpu.seconds() - clientCpu;
        phase.natsCpu = ProcessCpu.ofCommand("nats-server") - natsCpu;
        System.out.printf(Locale.ROOT, "bench-gateway: %s: %d answers, %d not 2xx, achieved %.0f/s, p99 %.1f ms, behind its schedule at most %.1f ms%n",
                phase.name, phase.answered(), phase.notOkCount(), phase.achievedPerSecond(), phase.percentileMs(0.99), phase.behindMaxMs());
        if (!gateway.isAlive()) {
            throw new IllegalStateException("the gateway ended during " + phase.name + "; see " + gateway.describe());
        }
    }

    /**
     * Each input stream's message count (JetStream's stream info) against the 2xx answers of its
     * requests less those answered as duplicates; a line per stream, and one on the retries.
     */
    static boolean checkStreams(JetStreamManagement jsm, Subjects subjects, List<GatewayPhase> phases, List<String> lines) throws Exception {
        boolean agree = true;
        for (GatewayMix.Kind kind : GatewayMix.Kind.values()) {
            String stream = subjects.inputStream(kind.stream);
            long messages = jsm.getStreamInfo(stream).getStreamState().getMsgCount();
            String line = streamLine(stream, messages, phases.stream().mapToLong(p -> p.ok(kind)).sum(),
                    phases.stream().mapToLong(p -> p.duplicates(kind)).sum());
            agree &= line.endsWith(": agree");
            lines.add(line);
        }
        long repeats = phases.stream().mapToLong(GatewayPhase::repeatsOk).sum();
        long duplicates = phases.stream().mapToLong(GatewayPhase::duplicates).sum();
        lines.add(String.format(Locale.ROOT, "idempotent retries answered 2xx: %,d; answers saying \"duplicate\":true: %,d%s", repeats, duplicates,
                repeats == duplicates ? "" : " (should be equal)"));
        return agree && repeats == duplicates;
    }

    static String streamLine(String stream, long messages, long ok, long duplicates) {
        long expected = ok - duplicates;
        return String.format(Locale.ROOT, "%s: %,d messages; 2xx answers %,d - %,d duplicates = %,d: %s", stream, messages, ok, duplicates,
                expected, messages == expected ? "agree" : "DISAGREE by " + (messages - expected));
    }

    private void awaitHealthy(Gateway gateway, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/healthz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + 120_000;
        String last = "no answer";
        while (System.currentTimeMillis() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway ended while starting (" + gateway.describe() + "):\n" + tail(log));
            }
            try {
                HttpResponse<String> r = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway's /healthz did not answer 200 within 2 minutes (last: " + last + "; "
                + gateway.describe() + "):\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The gateway, nats-server and the load share this machine's cores: anything else running shows in the figures. */
    private static void warnIfBusy() {
        try {
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            int cores = Runtime.getRuntime().availableProcessors();
            if (load > cores / 2.0) {
                System.out.printf(Locale.ROOT, "bench-gateway: this machine is busy (load average %.1f on %d cores): its figures will show it%n", load, cores);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no warning
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the gateway, deletes the streams and the keys file: once, at the end or on Ctrl-C. */
    private final class Cleanup {
        private final Subjects subjects;
        private final Path keys;
        private final AtomicBoolean done = new AtomicBoolean();
        volatile Gateway gateway;
        volatile boolean streamsCreated;

        Cleanup(Subjects subjects, Path keys) {
            this.subjects = subjects;
            this.keys = keys;
        }

        void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (gateway != null) {
                try {
                    gateway.close();
                } catch (Exception e) {
                    System.err.println("bench-gateway: could not stop the gateway (" + gateway.describe() + "): " + e);
                }
            }
            if (streamsCreated) {
                try (Connection c = nats.connect("pangan-bench-gateway-cleanup")) {
                    for (StreamConfiguration s : PanganStreams.all(subjects, StreamLimits.defaults())) {
                        try {
                            c.jetStreamManagement().deleteStream(s.getName());
                        } catch (Exception e) {
                            // not created, or gone already
                        }
                    }
                } catch (Exception e) {
                    System.err.println("bench-gateway: could not delete the streams of " + subjects.namespace() + ": " + e.getMessage());
                }
            }
            try {
                Files.deleteIfExists(keys);
            } catch (IOException e) {
                System.err.println("bench-gateway: could not delete " + keys + ": " + e.getMessage());
            }
        }
    }
}
