package id.pahlawanpangan.connectors.nats.source;

import io.nats.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS connections opened for one source reader, so that all of them are closed with it.
 *
 * <p>The reader of flink-connector-nats 2.1.4 (and 2.1.5) opens a second connection for the
 * consumers of its splits ({@code addSplits}) and never closes it: each failover on a long-lived
 * TaskManager left one connection per JetStream source open, with its threads, until the JVM
 * ended. Handing the reader this connector makes every connection it opens ours to close. A
 * connection that a thread of the reader opens after it was closed is closed at once.
 */
final class ReaderConnections implements JetStreamConnector {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReaderConnections.class);

    private final JetStreamConnector connector;
    /** Made on the TaskManager for one reader, never shipped. */
    private final transient List<Connection> opened = new ArrayList<>();
    private transient boolean closed;

    ReaderConnections(JetStreamConnector connector) {
        this.connector = connector;
    }

    @Override
    public JetStreamConnection connect() throws IOException {
        JetStreamConnection connection = connector.connect();
        synchronized (opened) {
            if (!closed) {
                opened.removeIf(c -> c.getStatus() == Connection.Status.CLOSED);
                opened.add(connection.connection());
                return connection;
            }
        }
        close(connection.connection());
        throw new IOException("the JetStream source reader was closed while connecting");
    }

    void closeAll() {
        List<Connection> toClose;
        synchronized (opened) {
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        toClose.forEach(ReaderConnections::close);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not close a NATS connection of a JetStream source reader", e);
        }
    }
}
