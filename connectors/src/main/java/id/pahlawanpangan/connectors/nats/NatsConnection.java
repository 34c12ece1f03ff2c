package id.pahlawanpangan.connectors.nats;

import id.pahlawanpangan.connectors.Secret;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;

/**
 * Where the NATS servers are and how to authenticate. Credentials stay {@link Secret}s (a token,
 * a password, or the path of a {@code .creds} file) and are read where the connection is made.
 */
public final class NatsConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_URL = "nats://127.0.0.1:4222";

    private final String servers;
    private final String user;
    private final Secret password;
    private final Secret token;
    private final String credentialsFile;

    public NatsConnection(String servers, String user, Secret password, Secret token, String credentialsFile) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("a NATS connection needs at least one server URL");
        }
        this.servers = servers;
        this.user = user;
        this.password = password == null ? Secret.none() : password;
        this.token = token == null ? Secret.none() : token;
        this.credentialsFile = credentialsFile;
    }

    public static NatsConnection to(String servers) {
        return new NatsConnection(servers, null, Secret.none(), Secret.none(), null);
    }

    /**
     * From {@code PANGAN_NATS_URL} (comma-separated), {@code PANGAN_NATS_USER} with
     * {@code PANGAN_NATS_PASSWORD[_FILE]}, {@code PANGAN_NATS_TOKEN[_FILE]}, or
     * {@code PANGAN_NATS_CREDS} (the path of a credentials file).
     */
    public static NatsConnection fromEnvironment() {
        return new NatsConnection(
                System.getenv().getOrDefault("PANGAN_NATS_URL", DEFAULT_URL),
                System.getenv("PANGAN_NATS_USER"),
                Secret.fromEnvironmentOrFile("PANGAN_NATS_PASSWORD"),
                Secret.fromEnvironmentOrFile("PANGAN_NATS_TOKEN"),
                System.getenv("PANGAN_NATS_CREDS"));
    }

    public String servers() {
        return servers;
    }

    /** jnats options: reconnect forever, so that a restarted server is picked up again. */
    public Options options(String connectionName) {
        return options(connectionName, -1);
    }

    /**
     * jnats options with this many reconnect attempts (-1: forever; 0: a lost connection stays
     * closed, as the JetStream source's reader expects, so that its guard fails it over).
     */
    public Options options(String connectionName, int maxReconnects) {
        Options.Builder b = new Options.Builder()
                .servers(servers.split(","))
                .connectionName(connectionName)
                .connectionTimeout(Duration.ofSeconds(5))
                .reconnectWait(Duration.ofMillis(500))
                .maxReconnects(maxReconnects)
                .errorListener(new io.nats.client.ErrorListener() { });
        String pass = password.reveal();
        if (user != null && pass != null) {
            b.userInfo(user, pass);
        }
        String tok = token.reveal();
        if (tok != null) {
            b.token(tok.toCharArray());
        }
        if (credentialsFile != null) {
            b.credentialPath(credentialsFile);
        }
        return b.build();
    }

    public Connection connect(String connectionName) throws IOException, InterruptedException {
        return Nats.connect(options(connectionName));
    }

    /**
     * The servers and the connection's name as properties, for connectors that insist on
     * properties: never the credentials, which would travel in the job graph and print in the
     * connector's {@code toString}. Open the connections with {@link #options} instead.
     */
    public Properties propertiesWithoutCredentials(String connectionName) {
        Properties p = new Properties();
        p.setProperty(Options.PROP_SERVERS, servers);
        p.setProperty(Options.PROP_CONNECTION_NAME, connectionName);
        return p;
    }

    @Override
    public String toString() {
        return servers + (user != null ? " as " + user : "") + (credentialsFile != null ? " with " + credentialsFile : "");
    }
}
