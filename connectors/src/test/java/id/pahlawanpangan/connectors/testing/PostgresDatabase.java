package id.pahlawanpangan.connectors.testing;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database on the real PostgreSQL server of this machine (127.0.0.1:5432, as
 * {@code scripts/services} leaves it), dropped when closed. No mocks.
 */
public final class PostgresDatabase implements AutoCloseable {
    private static final String SERVER = System.getenv().getOrDefault("PANGAN_TEST_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("PANGAN_TEST_PG_USER", "postgres");

    private final String server;
    private final String name;

    private PostgresDatabase(String server, String name) {
        this.server = server;
        this.name = name;
    }

    public static PostgresDatabase create(String prefix) throws SQLException {
        return create(prefix, SERVER);
    }

    /** On another server, given as {@code jdbc:postgresql://host:port/}. */
    public static PostgresDatabase create(String prefix, String server) throws SQLException {
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        try (Connection admin = DriverManager.getConnection(server + "postgres", USER, null);
             Statement s = admin.createStatement()) {
            s.execute("create database " + name);
        }
        return new PostgresDatabase(server, name);
    }

    public String url() {
        return server + name;
    }

    public PostgisConnection connection() {
        return new PostgisConnection(url(), USER, Secret.none());
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connection().open(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = connection().open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    public List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connection().open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(server + "postgres", USER, null);
             Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }
}
