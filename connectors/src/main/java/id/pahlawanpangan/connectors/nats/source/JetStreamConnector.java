package id.pahlawanpangan.connectors.nats.source;

import java.io.IOException;
import java.io.Serializable;

/**
 * How a source reader connects to NATS. Shipped in the job graph, so it carries where the
 * credentials are, never what they are: they are read where the connection is made, on the
 * TaskManager.
 */
interface JetStreamConnector extends Serializable {
    /** Opens a connection; it waits on the network, so never call it on the task thread. */
    JetStreamConnection connect() throws IOException;
}
