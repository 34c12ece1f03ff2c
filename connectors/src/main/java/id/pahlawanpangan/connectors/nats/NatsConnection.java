package id.pahlawanpangan.connectors.nats;

import id.pahlawanpangan.connectors.Secret;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where the NATS servers are and how to authenticate. Credentials stay {@link Secret}s (a token,
 * a password, an NKey seed, or the path of a {@code .creds} file) and are read where the
 * connection is made. Replies come to a private inbox prefix, so that a server configuration can
 * let this user, and only this user, read them (docs/SECURITY.md).
 */
public final class NatsConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_URL = "nats://127.0.0.1:4222";
    /**
     * The job's reply subjects: with NATS's default {@code _INBOX}, anyone allowed to read their
     * own replies under {@code _INBOX.>} read the job's too, every input message delivered to it
     * among them.
     */
    public static final String JOB_INBOX_PREFIX = "_INBOX_pangan_job";

    private final String servers;
    private final String user;
    private final Secret password;
    private final Secret token;
    private final String credentialsFile;
    private final Secret nkeySeed;
    private final String inboxPrefix;
    private final NatsTls tls;

    public NatsConnection(String servers, String user, Secret password, Secret token, String credentialsFile) {
        this(servers, user, password, token, credentialsFile, Secret.none(), JOB_INBOX_PREFIX, null);
    }

    private NatsConnection(String servers, String user, Secret password, Secret token, String credentialsFile,
            Secret nkeySeed, String inboxPrefix, NatsTls tls) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("a NATS connection needs at least one server URL");
        }
        this.servers = servers;
        this.user = user;
        this.password = password == null ? Secret.none() : password;
        this.token = token == null ? Secret.none() : token;
        this.credentialsFile = credentialsFile;
        this.nkeySeed = nkeySeed == null ? Secret.none() : nkeySeed;
        if (inboxPrefix == null || !inboxPrefix.matches("[A-Za-z0-9_.~-]+") || inboxPrefix.endsWith(".")) {
            throw new IllegalArgumentException("a NATS inbox prefix is subject tokens without wildcards, was " + inboxPrefix);
        }
        this.inboxPrefix = inboxPrefix;
        this.tls = tls;
    }

    public static NatsConnection to(String servers) {
        return new NatsConnection(servers, null, Secret.none(), Secret.none(), null);
    }

    /**
     * From {@code PANGAN_NATS_URL} (comma-separated), {@code PANGAN_NATS_USER} with
     * {@code PANGAN_NATS_PASSWORD[_FILE]}, {@code PANGAN_NATS_TOKEN[_FILE]}, or
     * {@code PANGAN_NATS_CREDS} (the path of a credentials file), {@code PANGAN_NATS_NKEY_SEED[_FILE]}
     * (a user NKey seed); replies under {@code PANGAN_NATS_INBOX_PREFIX} (default
     * {@value #JOB_INBOX_PREFIX}); TLS from {@code PANGAN_NATS_TLS_CA_FILE} ({@link NatsTls}).
     */
    public static NatsConnection fromEnvironment() {
        return new NatsConnection(
                System.getenv().getOrDefault("PANGAN_NATS_URL", DEFAULT_URL),
                System.getenv("PANGAN_NATS_USER"),
                Secret.fromEnvironmentOrFile("PANGAN_NATS_PASSWORD"),
                Secret.fromEnvironmentOrFile("PANGAN_NATS_TOKEN"),
                System.getenv("PANGAN_NATS_CREDS"),
                Secret.fromEnvironmentOrFile("PANGAN_NATS_NKEY_SEED"),
                System.getenv().getOrDefault("PANGAN_NATS_INBOX_PREFIX", JOB_INBOX_PREFIX),
                NatsTls.fromEnvironment());
    }

    /** The same credentials and TLS, to other servers. */
    public NatsConnection withServers(String otherServers) {
        return new NatsConnection(otherServers, user, password, token, credentialsFile, nkeySeed, inboxPrefix, tls);
    }

    /** Authenticated as the NKey user whose seed this secret holds. */
    public NatsConnection withNkeySeed(Secret seed) {
        return new NatsConnection(servers, user, password, token, credentialsFile, seed, inboxPrefix, tls);
    }

    /** Replies come to subjects under this prefix (what the user may subscribe to). */
    public NatsConnection withInboxPrefix(String prefix) {
        return new NatsConnection(servers, user, password, token, credentialsFile, nkeySeed, prefix, tls);
    }

    public NatsConnection withTls(NatsTls withTls) {
        return new NatsConnection(servers, user, password, token, credentialsFile, nkeySeed, inboxPrefix, withTls);
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
                .inboxPrefix(inboxPrefix)
                .errorListener(new NatsErrors())
                .connectionListener(new NatsConnectionEvents());
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
        if (nkeySeed.isSet()) {
            b.authHandler(new NkeyAuth(nkeySeed));
        }
        if (tls != null) {
            b.sslContext(tls.sslContext());
        }
        return b.build();
    }

    public Connection connect(String connectionName) throws IOException, InterruptedException {
        return Nats.connect(options(connectionName));
    }

    @Override
    public String toString() {
        return servers + (user != null ? " as " + user : "") + (credentialsFile != null ? " with " + credentialsFile : "")
                + (nkeySeed.isSet() ? " with an NKey (" + nkeySeed + ")" : "") + (tls != null ? ", " + tls : "");
    }
}
