package id.pahlawanpangan.cli;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import picocli.CommandLine.Option;

/**
 * Where NATS and PostgreSQL are. Defaults come from the environment ({@code PANGAN_NATS_URL},
 * {@code PANGAN_PG_URL}, ...), then the local services; passwords only ever from the
 * environment or files.
 *
 * <p>PostgreSQL has two logins: the job's ({@code PANGAN_PG_USER}, default {@code pangan}, a
 * member of {@code pangan_job}) and the administrator's for migrations, maintenance and logins
 * ({@code PANGAN_PG_ADMIN_USER}, default {@code postgres}; a member of {@code pangan_owner} will
 * do once the schema exists). Both use the same server, database and TLS settings.
 */
public final class ServiceOptions {
    /** The administrator's login by default: the local server's superuser. */
    static final String DEFAULT_ADMIN_USER = "postgres";

    @Option(names = "--nats", description = "NATS server URL(s), comma-separated (default: $PANGAN_NATS_URL or nats://127.0.0.1:4222).")
    String natsUrl;

    @Option(names = "--nats-properties", description = "A NATS connection properties file for the sources (a mounted secret), instead of --nats.")
    String natsPropertiesFile;

    @Option(names = "--postgres", description = "PostgreSQL JDBC URL (default: $PANGAN_PG_URL or jdbc:postgresql://127.0.0.1:5432/pangan).")
    String postgresUrl;

    public NatsConnection nats() {
        NatsConnection fromEnvironment = NatsConnection.fromEnvironment();
        return natsUrl == null ? fromEnvironment : fromEnvironment.withServers(natsUrl);
    }

    /** The NATS properties file for the sources (--nats-properties), or null. */
    public String natsPropertiesFile() {
        return natsPropertiesFile;
    }

    /** The job's connection: $PANGAN_PG_USER with $PANGAN_PG_PASSWORD[_FILE]. */
    public PostgisConnection postgis() {
        PostgisConnection fromEnvironment = PostgisConnection.fromEnvironment();
        return postgresUrl == null ? fromEnvironment
                : new PostgisConnection(postgresUrl, fromEnvironment.user(), Secret.fromEnvironmentOrFile("PANGAN_PG_PASSWORD"))
                        .withSsl(System.getenv("PANGAN_PG_SSLMODE"), System.getenv("PANGAN_PG_SSLROOTCERT"));
    }

    /** Migrations, maintenance, logins: $PANGAN_PG_ADMIN_USER with $PANGAN_PG_ADMIN_PASSWORD[_FILE]. */
    public PostgisConnection postgisAdmin() {
        return postgis().withUser(System.getenv().getOrDefault("PANGAN_PG_ADMIN_USER", DEFAULT_ADMIN_USER),
                Secret.fromEnvironmentOrFile("PANGAN_PG_ADMIN_PASSWORD"));
    }
}
