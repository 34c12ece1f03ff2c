package id.pahlawanpangan.connectors.nats.source;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import java.io.IOException;

/**
 * Connects a source reader with a {@link NatsConnection}, whose credentials are read where the
 * connection is made, on the TaskManager. The NATS connector's own factory would carry them as
 * properties, in the job graph (and in its {@code toString}); this one carries only where they
 * are.
 */
final class CredentialedConnector implements JetStreamConnector {
    private static final long serialVersionUID = 1L;

    private final NatsConnection nats;
    private final String connectionName;

    CredentialedConnector(NatsConnection nats, String connectionName) {
        this.nats = nats;
        this.connectionName = connectionName;
    }

    @Override
    public JetStreamConnection connect() throws IOException {
        try {
            // no reconnects, as the connector's own factory: the source's guard fails a lost connection over
            return new JetStreamConnection(Nats.connect(nats.options(connectionName, 0)), JetStreamOptions.DEFAULT_JS_OPTIONS);
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
