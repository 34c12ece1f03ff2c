package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.events.InputEvent;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * A peer of the engine's candidate search: PostGIS answering the lookup alone with a GiST index,
 * nearest first (KNN), as a database-centred design would, driven by pgbench. The NGOs' table
 * and the lookup points live in a database of the benchmark's own, made and dropped each run.
 */
public final class PostgisKnnPeer {
    static final String DATABASE = "pangan_bench_knn";

    /**
     * One lookup: the offer's point and quantity (one primary-key read, as an engine holds its
     * offer), then the five nearest NGOs that reach it with room for it. The fixed search radius
     * lets the index bound the scan; each NGO's own radius is then checked on the rows it yields.
     * Distances on the sphere (use_spheroid false), as the contract measures them.
     */
    static String query(double reachKm, String lookup) {
        return String.format(Locale.ROOT, """
                SELECT n.ngo_id
                  FROM lookup_points o
                  CROSS JOIN LATERAL (
                    SELECT ngo_id FROM ngos
                     WHERE ST_DWithin(geog, o.geog, %.0f, false)
                       AND ST_DWithin(geog, o.geog, radius_km * 1000, false)
                       AND capacity_kg >= o.quantity_kg
                     ORDER BY geog <-> o.geog
                     LIMIT %d) n
                 WHERE o.id = %s
                """, reachKm * 1000, PeerWorkload.ANSWERS, lookup);
    }

    /** pgbench's script: one lookup at a random point per transaction. */
    static String script(double reachKm) {
        return "\\set p random(0, " + (PeerWorkload.LOOKUPS - 1) + ")\n" + query(reachKm, ":p") + ";\n";
    }

    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final PostgisConnection server;
    private final Secret password;
    private final Duration duration;
    private final int clients;

    /**
     * @param server the administrator's connection (it creates and drops a database)
     * @param password that login's password, for pgbench (libpq reads it from PGPASSWORD)
     */
    public PostgisKnnPeer(PostgisConnection server, Secret password, Duration duration, int clients) {
        this.server = server;
        this.password = password;
        this.duration = duration;
        this.clients = clients;
    }

    public PeerResult lookups(PeerWorkload workload) throws Exception {
        try (Connection admin = server.onDatabase("postgres").open(); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + DATABASE + " with (force)");
            st.execute("create database " + DATABASE);
        }
        try {
            PostgisConnection db = server.onDatabase(DATABASE);
            load(db, workload);
            String check;
            try (Connection c = db.open(); PreparedStatement lookup = c.prepareStatement(query(workload.reachKm(), "?"))) {
                check = workload.check("PostGIS KNN", i -> answer(lookup, i));
            }
            return new PeerResult(measure(workload), check);
        } finally {
            try (Connection admin = server.onDatabase("postgres").open(); Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + DATABASE + " with (force)");
            }
        }
    }

    private static void load(PostgisConnection db, PeerWorkload workload) throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            st.execute("create extension postgis");
            st.execute("create table ngos (ngo_id text primary key, geog geography(Point, 4326) not null,"
                    + " radius_km double precision not null, capacity_kg double precision not null)");
            st.execute("create table lookup_points (id integer primary key, geog geography(Point, 4326) not null,"
                    + " quantity_kg double precision not null)");
            StringBuilder ngos = new StringBuilder();
            for (InputEvent n : workload.ngos()) {
                ngos.append(n.ngoId).append('\t').append(point(n)).append('\t')
                        .append(n.radiusKm).append('\t').append(n.capacityKg).append('\n');
            }
            StringBuilder points = new StringBuilder();
            List<InputEvent> lookups = workload.lookups();
            for (int i = 0; i < lookups.size(); i++) {
                points.append(i).append('\t').append(point(lookups.get(i))).append('\t').append(lookups.get(i).quantityKg).append('\n');
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy ngos from stdin", new StringReader(ngos.toString()));
            copy.copyIn("copy lookup_points from stdin", new StringReader(points.toString()));
            st.execute("create index ngos_geog on ngos using gist (geog)");
            st.execute("analyze ngos");
            st.execute("analyze lookup_points");
        }
    }

    private static List<String> answer(PreparedStatement lookup, int point) throws SQLException {
        lookup.setInt(1, point);
        List<String> ngos = new ArrayList<>();
        try (ResultSet r = lookup.executeQuery()) {
            while (r.next()) {
                ngos.add(r.getString(1));
            }
        }
        return ngos;
    }

    private static String point(InputEvent e) {
        return String.format(Locale.ROOT, "SRID=4326;POINT(%.6f %.6f)", e.lon, e.lat);
    }

    private Measurement measure(PeerWorkload workload) throws Exception {
        Path script = ExternalTool.script("pangan-knn", ".sql", script(workload.reachKm()));
        try {
            URI uri = URI.create(server.url().substring("jdbc:".length()));
            String output = ExternalTool.run(List.of("pgbench", "--no-vacuum",
                    "--host", uri.getHost(), "--port", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                    "--username", server.user(), "--client", String.valueOf(clients), "--jobs", String.valueOf(clients),
                    "--time", String.valueOf(Math.max(1, duration.toSeconds())), "--protocol", "prepared",
                    "--file", script.toString(), DATABASE), libpqEnvironment(uri));
            LookupRate rate = fromPgbench(output);
            return new Measurement(String.format(Locale.ROOT, "peer PostGIS KNN, %,d NGOs", workload.ngos().size()),
                    String.format(Locale.ROOT, "pgbench, %d clients, mean %.3f ms", clients, rate.meanMs()), rate.lookups(), "lookups",
                    rate.seconds(), Double.NaN);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** What pgbench printed: transactions processed, its tps without connecting, mean latency; failures refused. */
    static LookupRate fromPgbench(String output) {
        String failed = FAILED.matcher(output).find() ? find(FAILED, output) : "0";
        if (!failed.equals("0")) {
            throw new IllegalStateException("pgbench: " + failed + " lookups failed:\n" + output);
        }
        return new LookupRate(Long.parseLong(find(PROCESSED, output)), Double.parseDouble(find(TPS, output)),
                Double.parseDouble(find(LATENCY, output)));
    }

    /** libpq takes the password and TLS settings from the environment, never from the command line. */
    private Map<String, String> libpqEnvironment(URI uri) {
        Map<String, String> env = new HashMap<>();
        if (password.isSet()) {
            env.put("PGPASSWORD", password.reveal());
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                String[] kv = parameter.split("=", 2);
                if (kv.length == 2 && kv[0].equals("sslmode")) {
                    env.put("PGSSLMODE", URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                } else if (kv.length == 2 && kv[0].equals("sslrootcert")) {
                    env.put("PGSSLROOTCERT", URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
        }
        return env;
    }

    private static String find(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench printed no '" + pattern.pattern() + "':\n" + output);
        }
        return m.group(1);
    }
}
