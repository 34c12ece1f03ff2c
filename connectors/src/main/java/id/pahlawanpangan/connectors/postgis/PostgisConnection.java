package id.pahlawanpangan.connectors.postgis;

import id.pahlawanpangan.connectors.Secret;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the PostGIS database is and how to log in; the password stays a {@link Secret}. TLS is
 * set with the driver's URL parameters {@code sslmode} and {@code sslrootcert} ({@link #withSsl}),
 * which travel with the URL to wherever a connection is opened.
 */
public final class PostgisConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The local default: the database {@code scripts/services} prepares. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/pangan";
    /**
     * The job's login by default: a member of the role {@code pangan_job} (db/migrations/V4), made
     * with {@code bin/pangan db --grant-login pangan --role job}; never a superuser.
     */
    public static final String DEFAULT_USER = "pangan";
    /** The values of libpq's and pgjdbc's {@code sslmode}. */
    public static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

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

    /**
     * The job's connection: {@code PANGAN_PG_URL}, {@code PANGAN_PG_USER} (default {@value
     * #DEFAULT_USER}), {@code PANGAN_PG_PASSWORD[_FILE]}, and TLS from {@code PANGAN_PG_SSLMODE} and
     * {@code PANGAN_PG_SSLROOTCERT} (a file with the CA certificates) when set.
     */
    public static PostgisConnection fromEnvironment() {
        String url = System.getenv().getOrDefault("PANGAN_PG_URL", DEFAULT_URL);
        String user = System.getenv().getOrDefault("PANGAN_PG_USER", DEFAULT_USER);
        return new PostgisConnection(url, user, Secret.fromEnvironmentOrFile("PANGAN_PG_PASSWORD"))
                .withSsl(System.getenv("PANGAN_PG_SSLMODE"), System.getenv("PANGAN_PG_SSLROOTCERT"));
    }

    /** The same server and database as another user (the owner's login for migrations, say). */
    public PostgisConnection withUser(String otherUser, Secret otherPassword) {
        return new PostgisConnection(url, otherUser, otherPassword);
    }

    /**
     * With {@code sslmode} (one of {@link #SSL_MODES}) and {@code sslrootcert} (a file of CA
     * certificates, for verify-ca and verify-full) when not null, replacing the URL's own.
     */
    public PostgisConnection withSsl(String sslMode, String sslRootCert) {
        String with = url;
        if (sslMode != null && !sslMode.isBlank()) {
            if (!SSL_MODES.contains(sslMode.strip())) {
                throw new IllegalArgumentException("sslmode must be one of " + SSL_MODES + ", got " + sslMode);
            }
            with = withParameter(with, "sslmode", sslMode.strip());
        }
        if (sslRootCert != null && !sslRootCert.isBlank()) {
            if (!Files.isReadable(Path.of(sslRootCert.strip()))) {
                throw new IllegalArgumentException("sslrootcert names " + sslRootCert + ", which is not a readable file");
            }
            with = withParameter(with, "sslrootcert", sslRootCert.strip());
        }
        return new PostgisConnection(with, user, password);
    }

    private static String withParameter(String url, String name, String value) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        StringBuilder parameters = new StringBuilder();
        if (query >= 0) {
            for (String p : url.substring(query + 1).split("&")) {
                if (!p.isEmpty() && !p.startsWith(name + "=")) {
                    parameters.append(parameters.length() == 0 ? "" : "&").append(p);
                }
            }
        }
        // the driver URL-decodes parameter values; a path keeps its slashes readable
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/");
        parameters.append(parameters.length() == 0 ? "" : "&").append(name).append('=').append(encoded);
        return path + "?" + parameters;
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
