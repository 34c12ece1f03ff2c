package id.pahlawanpangan.connectors.nats;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What nats-server and the client report on a connection, logged with the connection's name
 * instead of dropped (jnats' own listener is replaced by this one), and a missing permission
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
        Throwable cause = exp;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException) {
            // the usual companion of a server going away (a reconnection refused, say): its stack says nothing more
            LOG.warn("NATS connection {}: {}", name(conn), cause.toString());
        } else {
            LOG.warn("NATS connection {}: {}", name(conn), exp.toString(), exp);
        }
    }

    @Override
    public void slowConsumerDetected(Connection conn, Consumer consumer) {
        LOG.warn("NATS connection {}: slow consumer ({} messages pending), messages were dropped by the client", name(conn),
                consumer == null ? "?" : consumer.getPendingMessageCount());
    }

    @Override
    public void messageDiscarded(Connection conn, Message message) {
        LOG.error("NATS connection {}: the client discarded a message on {} (its outgoing queue was full)", name(conn),
                message == null ? "?" : message.getSubject());
    }

    @Override
    public void socketWriteTimeout(Connection conn) {
        LOG.warn("NATS connection {}: writing to the server timed out; the connection is dropped and made again", name(conn));
    }

    @Override
    public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence, long lastConsumerSequence) {
        LOG.warn("NATS connection {}: no heartbeat from the server for subscription {} (stream sequence {}, consumer sequence {})",
                name(conn), sub == null ? "?" : sub.getSubject(), lastStreamSequence, lastConsumerSequence);
    }

    @Override
    public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
        LOG.warn("NATS connection {}: unhandled status {} on subscription {}", name(conn), status, sub == null ? "?" : sub.getSubject());
    }

    @Override
    public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
        // routine: a pull that found nothing before its expiry (408), one cut short by a batch's limits (409)
        LOG.debug("NATS connection {}: pull warning {} on subscription {}", name(conn), status, sub == null ? "?" : sub.getSubject());
    }

    @Override
    public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
        LOG.warn("NATS connection {}: pull error {} on subscription {}", name(conn), status, sub == null ? "?" : sub.getSubject());
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

    static String name(Connection conn) {
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
