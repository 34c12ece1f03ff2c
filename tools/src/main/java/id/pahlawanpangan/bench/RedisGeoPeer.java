package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.InputEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A peer of the engine's candidate search: the product's prior design, Redis with the NGOs in a
 * GEO set and their radius and capacity in hashes, one Lua script per lookup (GEOSEARCH around
 * the offer, nearest first, then each NGO's own radius and capacity checked), driven by
 * redis-benchmark. redis-benchmark cannot read a point from a file, but it replaces
 * {@code __rand_int__} in an argument with a random number below {@code -r}: the script takes
 * it as the index of a lookup point stored beside the NGOs, so every lookup asks about another
 * offer of the generator. Its keys carry a prefix of their own and are deleted afterwards.
 */
public final class RedisGeoPeer {
    static final String PREFIX = "pangan-bench:{candidates}:";
    /** How many of the nearest NGOs within the search radius the script looks at. */
    static final int NEAREST = 50;
    private static final int PER_COMMAND = 500;
    /** Lookups of the short run that warms the server up and sizes the first measured one. */
    private static final int CALIBRATION_LOOKUPS = 2_000;
    /**
     * redis-benchmark runs a number of lookups, not a duration: the duration is measured in runs of
     * about this long, each sized by the rate of the one before, so a machine whose load changes
     * overshoots by a few seconds at most.
     */
    private static final double RUN_SECONDS = 5;

    private final String host;
    private final int port;
    private final Duration duration;
    private final int clients;
    private final List<String> keys = List.of(PREFIX + "ngos", PREFIX + "radius_km", PREFIX + "capacity_kg", PREFIX + "lookups");

    public RedisGeoPeer(String address, Duration duration, int clients) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Redis address must be host:port, got " + address);
        }
        this.host = address.substring(0, colon);
        this.port = Integer.parseInt(address.substring(colon + 1));
        this.duration = duration;
        this.clients = clients;
    }

    public PeerResult lookups(PeerWorkload workload) throws Exception {
        try {
            load(workload);
            String sha = loadScript();
            String check = workload.check("Redis GEOSEARCH", i -> answer(sha, workload, i));
            LookupRate rate = measure(sha, workload);
            return new PeerResult(new Measurement(String.format(Locale.ROOT, "peer Redis GEOSEARCH, %,d NGOs", workload.ngos().size()),
                    String.format(Locale.ROOT, "redis-benchmark, %d clients, mean %.3f ms", clients, rate.meanMs()), rate.lookups(), "lookups",
                    rate.seconds(), Double.NaN), check);
        } finally {
            cli(withKeys("DEL"));
        }
    }

    /** Everything in one pipe: NGOs in the GEO set, radii and capacities, the lookup points. */
    private void load(PeerWorkload workload) throws Exception {
        Path commands = Files.createTempFile("pangan-redis-peer", ".resp");
        try {
            StringBuilder resp = new StringBuilder();
            appendCommand(resp, withKeys("DEL"));
            List<InputEvent> ngos = workload.ngos();
            for (int from = 0; from < ngos.size(); from += PER_COMMAND) {
                List<InputEvent> chunk = ngos.subList(from, Math.min(ngos.size(), from + PER_COMMAND));
                List<String> geoadd = new ArrayList<>(List.of("GEOADD", keys.get(0)));
                List<String> radii = new ArrayList<>(List.of("HSET", keys.get(1)));
                List<String> capacities = new ArrayList<>(List.of("HSET", keys.get(2)));
                for (InputEvent n : chunk) {
                    geoadd.addAll(List.of(coordinate(n.lon), coordinate(n.lat), n.ngoId));
                    radii.addAll(List.of(n.ngoId, String.valueOf(n.radiusKm)));
                    capacities.addAll(List.of(n.ngoId, String.valueOf(n.capacityKg)));
                }
                appendCommand(resp, geoadd);
                appendCommand(resp, radii);
                appendCommand(resp, capacities);
            }
            List<InputEvent> lookups = workload.lookups();
            for (int from = 0; from < lookups.size(); from += PER_COMMAND) {
                List<String> points = new ArrayList<>(List.of("HSET", keys.get(3)));
                for (int i = from; i < Math.min(lookups.size(), from + PER_COMMAND); i++) {
                    InputEvent o = lookups.get(i);
                    points.addAll(List.of(String.valueOf(i), coordinate(o.lon) + " " + coordinate(o.lat) + " " + o.quantityKg));
                }
                appendCommand(resp, points);
            }
            Files.writeString(commands, resp, StandardCharsets.UTF_8);
            String out = ExternalTool.run(List.of("redis-cli", "-h", host, "-p", String.valueOf(port), "--pipe"), Map.of(), commands);
            if (!out.contains("errors: 0,")) {
                throw new IllegalStateException("redis-cli --pipe reported errors loading the NGOs: " + out);
            }
        } finally {
            Files.deleteIfExists(commands);
        }
    }

    private String loadScript() throws Exception {
        String script;
        try (InputStream in = RedisGeoPeer.class.getResourceAsStream("/bench/redis-candidates.lua")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String sha = cli(List.of("SCRIPT", "LOAD", script)).strip();
        if (!sha.matches("[0-9a-f]{40}")) {
            throw new IllegalStateException("Redis did not load the lookup script: " + sha);
        }
        return sha;
    }

    /**
     * One lookup by redis-cli. A script that failed would still be counted by redis-benchmark:
     * the sample lookups asked this way fail loudly first.
     */
    private List<String> answer(String sha, PeerWorkload workload, int lookup) throws Exception {
        List<String> command = new ArrayList<>(List.of("--no-raw"));
        command.addAll(lookup(sha, workload, String.valueOf(lookup)));
        return fromRedisCli(cli(command));
    }

    /** A reply as redis-cli prints it with --no-raw: the elements of an array ({@code 1) "id"}), or an error, refused. */
    static List<String> fromRedisCli(String reply) {
        if (reply.startsWith("(error)")) {
            throw new IllegalStateException("the Redis lookup script failed: " + reply.strip());
        }
        return reply.lines().filter(line -> line.matches("\\d+\\) \".*\""))
                .map(line -> line.substring(line.indexOf('"') + 1, line.length() - 1))
                .toList();
    }

    private LookupRate measure(String sha, PeerWorkload workload) throws Exception {
        double perSecond = benchmark(sha, workload, CALIBRATION_LOOKUPS).perSecond();
        long end = System.nanoTime() + duration.toNanos();
        LookupRate total = null;
        while (total == null || System.nanoTime() < end) {
            double seconds = Math.min(RUN_SECONDS, Math.max(0.5, (end - System.nanoTime()) / 1e9));
            LookupRate run = benchmark(sha, workload, Math.max(100, (long) (perSecond * seconds)));
            total = total == null ? run : total.plus(run);
            perSecond = run.perSecond();
        }
        return total;
    }

    private LookupRate benchmark(String sha, PeerWorkload workload, long lookups) throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-benchmark", "-h", host, "-p", String.valueOf(port),
                "-c", String.valueOf(clients), "--threads", String.valueOf(clients), "-n", String.valueOf(lookups),
                "-r", String.valueOf(workload.lookups().size()), "-e", "--csv"));
        command.addAll(lookup(sha, workload, "__rand_int__"));
        return fromRedisBenchmark(ExternalTool.run(command, Map.of()), lookups);
    }

    /** The EVALSHA row of redis-benchmark's CSV; a run whose lookups answered errors (-e prints them) is refused. */
    static LookupRate fromRedisBenchmark(String csv, long lookups) {
        if (csv.contains("Error from server")) {
            throw new IllegalStateException("redis-benchmark's lookups failed:\n" + csv);
        }
        List<String> header = null;
        for (String line : csv.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("\"") || !trimmed.endsWith("\"")) {
                continue;
            }
            List<String> cells = List.of(trimmed.substring(1, trimmed.length() - 1).split("\",\"", -1));
            if (cells.get(0).equals("test")) {
                header = cells;
            } else if (header != null && cells.get(0).startsWith("EVALSHA")) {
                return new LookupRate(lookups, Double.parseDouble(cells.get(header.indexOf("rps"))),
                        Double.parseDouble(cells.get(header.indexOf("avg_latency_ms"))));
            }
        }
        throw new IllegalStateException("redis-benchmark printed no result (or errors):\n" + csv);
    }

    /** One lookup about the lookup point {@code point}: the script's command. */
    private List<String> lookup(String sha, PeerWorkload workload, String point) {
        List<String> c = new ArrayList<>(List.of("EVALSHA", sha, String.valueOf(keys.size())));
        c.addAll(keys);
        c.addAll(List.of(point, String.format(Locale.ROOT, "%.3f", workload.reachKm()), String.valueOf(NEAREST)));
        return c;
    }

    private List<String> withKeys(String command) {
        List<String> c = new ArrayList<>(List.of(command));
        c.addAll(keys);
        return c;
    }

    private String cli(List<String> command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("redis-cli", "-h", host, "-p", String.valueOf(port)));
        c.addAll(command);
        return ExternalTool.run(c, Map.of());
    }

    private static String coordinate(double degrees) {
        return String.format(Locale.ROOT, "%.6f", degrees);
    }

    /** The Redis protocol's form of a command, which redis-cli --pipe sends as it is. */
    private static void appendCommand(StringBuilder resp, List<String> args) {
        resp.append('*').append(args.size()).append("\r\n");
        for (String a : args) {
            resp.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
    }
}
