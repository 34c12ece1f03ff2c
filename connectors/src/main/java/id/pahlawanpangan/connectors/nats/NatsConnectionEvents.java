package id.pahlawanpangan.connectors.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's life in the log, named: jnats reports disconnections and reconnections only to
 * a listener, and without one a sink that waits for acknowledgements while its connection is
 * gone leaves no trace of why.
 */
final class NatsConnectionEvents implements ConnectionListener {
    private static final Logger LOG = LoggerFactory.getLogger(NatsConnectionEvents.class);

    @Override
    public void connectionEvent(Connection conn, Events event) {
        String name = NatsErrors.name(conn);
        String server = conn == null ? null : conn.getConnectedUrl();
        switch (event) {
            case DISCONNECTED:
                // a connection that reconnects keeps what is published meanwhile in its reconnect buffer; one that may not closes next
                LOG.warn("NATS connection {} lost its server", name);
                break;
            case LAME_DUCK:
                LOG.warn("NATS connection {}: the server {} is shutting down (lame duck mode)", name, server);
                break;
            case CLOSED:
                LOG.info("NATS connection {} closed", name);
                break;
            default:
                LOG.info("NATS connection {}: {} ({})", name, event.getEvent(), server);
        }
    }
}
