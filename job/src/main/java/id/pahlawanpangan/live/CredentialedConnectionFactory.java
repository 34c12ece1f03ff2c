package id.pahlawanpangan.live;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.synadia.flink.utils.ConnectionContext;
import io.synadia.flink.utils.ConnectionFactory;
import java.io.IOException;
import java.util.Properties;

/**
 * Opens the JetStream sources' connections from a {@link NatsConnection}, whose credentials are
 * read where the connection is made, on the TaskManager. The connector's own factory carries its
 * credentials as properties, in the job graph (and in its {@code toString}); this one carries
 * only where they are.
 */
final class CredentialedConnectionFactory extends ConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final NatsConnection nats;
    private final String connectionName;

    CredentialedConnectionFactory(NatsConnection nats, String connectionName) {
        super((Properties) null);
        this.nats = nats;
        this.connectionName = connectionName;
    }

    @Override
    public ConnectionContext getConnectionContext() throws IOException {
        try {
            // no reconnects, as the connector's own factory: the source's guard fails a lost connection over
            return new ConnectionContext(Nats.connect(nats.options(connectionName, 0)), JetStreamOptions.DEFAULT_JS_OPTIONS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to NATS at " + nats, e);
        }
    }

    @Override
    public String toString() {
        return "NATS " + nats + " as " + connectionName;
    }
}
