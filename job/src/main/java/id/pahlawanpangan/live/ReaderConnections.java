package id.pahlawanpangan.live;

import io.nats.client.Connection;
import io.synadia.flink.utils.ConnectionContext;
import io.synadia.flink.utils.ConnectionFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS connections opened for one source reader, so that all of them are closed with it.
 *
 * <p>The reader of flink-connector-nats 2.1.4 (and 2.1.5) opens a second connection for the
 * consumers of its splits ({@code addSplits}) and never closes it: each failover on a long-lived
 * TaskManager left one connection per JetStream source open, with its threads, until the JVM
 * ended. Handing the reader this factory makes every connection it opens ours to close.
 */
final class ReaderConnections extends ConnectionFactory {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReaderConnections.class);

    private final ConnectionFactory factory;
    /** Made on the TaskManager for one reader, never shipped. */
    private final transient List<Connection> opened = new ArrayList<>();

    ReaderConnections(ConnectionFactory factory) {
        // the connection settings stay in the wrapped factory: every connection is opened by it
        super((Properties) null);
        this.factory = factory;
    }

    @Override
    public ConnectionContext getConnectionContext() throws IOException {
        ConnectionContext context = factory.getConnectionContext();
        synchronized (opened) {
            opened.removeIf(c -> c.getStatus() == Connection.Status.CLOSED);
            opened.add(context.connection);
        }
        return context;
    }

    void closeAll() {
        List<Connection> toClose;
        synchronized (opened) {
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (Connection c : toClose) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("could not close a NATS connection of a JetStream source reader", e);
            }
        }
    }
}
