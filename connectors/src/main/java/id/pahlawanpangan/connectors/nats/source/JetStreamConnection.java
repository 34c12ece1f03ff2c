package id.pahlawanpangan.connectors.nats.source;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import java.io.IOException;

/** An open NATS connection, with the JetStream options (domain or prefix) its deployment needs. */
record JetStreamConnection(Connection connection, JetStreamOptions options) {
    JetStreamManagement management() throws IOException {
        return connection.jetStreamManagement(options);
    }
}
