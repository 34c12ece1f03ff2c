package id.pahlawanpangan.connectors.nats;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What nats-server reports on a connection, logged instead of dropped, and a missing permission
 * remembered: the server refuses a publish or subscription it does not permit with an
 * asynchronous {@code -ERR 'Permissions Violation ...'}, while the request that needed it only
 * times out ("Timeout or no response waiting for NATS JetStream server"), which does not say why.
 */
public final class NatsErrors implements ErrorListener {
    private static final Logger LOG = LoggerFactory.getLogger(NatsErrors.class);

    private volatile String lastPermissionViolation;

    @Override
    public void errorOccurred(Connection conn, String error) {
        if (error != null && error.toLowerCase(java.util.Locale.ROOT).contains("permissions violation")) {
            lastPermissionViolation = error;
            LOG.error("NATS refused a permission to {}: {}. The NATS user of this connection lacks it (see docs/SECURITY.md for what each user needs)",
                    name(conn), error);
        } else {
            LOG.warn("NATS error on {}: {}", name(conn), error);
        }
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        LOG.warn("NATS connection {}: {}", name(conn), exp.toString());
    }

    @Override
    public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
        LOG.warn("NATS connection {}: slow consumer, messages were dropped by the client", name(conn));
    }

    /** The last permission the server refused to this connection, or null. */
    public String lastPermissionViolation() {
        return lastPermissionViolation;
    }

    /**
     * The failure of a request on {@code connection}, named as a missing permission when the
     * server refused one: the exception to throw instead of a bare timeout.
     */
    public static Exception explained(Connection connection, Exception failure) {
        String violation = connection.getOptions().getErrorListener() instanceof NatsErrors
                ? ((NatsErrors) connection.getOptions().getErrorListener()).lastPermissionViolation() : null;
        if (violation == null) {
            return failure;
        }
        return new NatsPermissionException("the NATS user of connection '" + connection.getOptions().getConnectionName()
                + "' lacks a permission it needs: " + violation.replace("'", ""), failure);
    }

    private static String name(Connection conn) {
        return conn == null ? "(connecting)" : conn.getOptions().getConnectionName();
    }

    /** A request failed because the NATS user may not do it. */
    public static final class NatsPermissionException extends Exception {
        private static final long serialVersionUID = 1L;

        NatsPermissionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
