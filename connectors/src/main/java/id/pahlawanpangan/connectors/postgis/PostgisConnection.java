package id.pahlawanpangan.connectors.postgis;

import id.pahlawanpangan.connectors.Secret;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Where the PostGIS database is and how to log in; the password stays a {@link Secret}. */
public final class PostgisConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The local default: the database {@code scripts/services} prepares. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/pangan";

    private final String url;
    private final String user;
    private final Secret password;

    public PostgisConnection(String url, String user, Secret password) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostGIS connection needs a jdbc:postgresql: URL, got " + url);
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** From {@code PANGAN_PG_URL}, {@code PANGAN_PG_USER} and {@code PANGAN_PG_PASSWORD[_FILE]}. */
    public static PostgisConnection fromEnvironment() {
        String url = System.getenv().getOrDefault("PANGAN_PG_URL", DEFAULT_URL);
        String user = System.getenv().getOrDefault("PANGAN_PG_USER", "postgres");
        return new PostgisConnection(url, user, Secret.fromEnvironmentOrFile("PANGAN_PG_PASSWORD"));
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    Secret password() {
        return password;
    }

    /** The same server, user and password, on another database (for maintenance and benchmarks). */
    public PostgisConnection onDatabase(String database) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        return new PostgisConnection(path.substring(0, path.lastIndexOf('/') + 1) + database + parameters, user, password);
    }

    /** A new connection (for migrations, maintenance and tests; the sink has its own). */
    public Connection open() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        String secret = password.reveal();
        if (secret != null) {
            props.setProperty("password", secret);
        }
        return DriverManager.getConnection(url, props);
    }

    /** A data source for tools that want one (schema migrations); the password is read now. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        if (user != null) {
            ds.setUser(user);
        }
        String secret = password.reveal();
        if (secret != null) {
            ds.setPassword(secret);
        }
        return ds;
    }

    @Override
    public String toString() {
        return url + " as " + user + " (" + password + ")";
    }
}
