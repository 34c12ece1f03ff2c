package id.pahlawanpangan.cli;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import picocli.CommandLine.Option;

/**
 * Where NATS and PostgreSQL are. Defaults come from the environment ({@code PANGAN_NATS_URL},
 * {@code PANGAN_PG_URL}, ...), then the local services; passwords only ever from the
 * environment or files.
 */
final class ServiceOptions {
    @Option(names = "--nats", description = "NATS server URL(s), comma-separated (default: $PANGAN_NATS_URL or nats://127.0.0.1:4222).")
    String natsUrl;

    @Option(names = "--nats-properties", description = "A NATS connection properties file for the sources (a mounted secret), instead of --nats.")
    String natsPropertiesFile;

    @Option(names = "--postgres", description = "PostgreSQL JDBC URL (default: $PANGAN_PG_URL or jdbc:postgresql://127.0.0.1:5432/pangan).")
    String postgresUrl;

    NatsConnection nats() {
        NatsConnection fromEnvironment = NatsConnection.fromEnvironment();
        return natsUrl == null ? fromEnvironment : fromEnvironment.withServers(natsUrl);
    }

    PostgisConnection postgis() {
        PostgisConnection fromEnvironment = PostgisConnection.fromEnvironment();
        return postgresUrl == null ? fromEnvironment
                : new PostgisConnection(postgresUrl, fromEnvironment.user(), Secret.fromEnvironmentOrFile("PANGAN_PG_PASSWORD"));
    }
}
