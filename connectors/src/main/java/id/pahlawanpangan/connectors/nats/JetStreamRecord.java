package id.pahlawanpangan.connectors.nats;

import java.io.Serializable;
import java.util.Map;

/**
 * One message to publish: its subject, its de-duplication id (published as {@code Nats-Msg-Id}),
 * its ordering key, headers and payload. The id must be a function of the record, so that a
 * record replayed after a failure is recognised by JetStream as the message it already has.
 *
 * <p>Messages of one ordering key (an offer's id, say) reach the stream in the order they were
 * written: the sink never has two of them unacknowledged at once. A record without a key (null or
 * empty) is ordered with nothing.
 */
public final class JetStreamRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String messageId;
    private final String orderingKey;
    private final Map<String, String> headers;
    private final byte[] payload;

    /** A message ordered with no other. */
    public JetStreamRecord(String subject, String messageId, Map<String, String> headers, byte[] payload) {
        this(subject, messageId, null, headers, payload);
    }

    public JetStreamRecord(String subject, String messageId, String orderingKey, Map<String, String> headers, byte[] payload) {
        if (subject == null || subject.isBlank() || messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("a JetStream record needs a subject and a message id");
        }
        this.subject = subject;
        this.messageId = messageId;
        // an empty key (a dead letter whose offer id was given as "", say) orders nothing either
        this.orderingKey = orderingKey == null || orderingKey.isEmpty() ? null : orderingKey;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.payload = payload;
    }

    public String subject() {
        return subject;
    }

    public String messageId() {
        return messageId;
    }

    /** The key whose messages keep their order in the stream, or null. */
    public String orderingKey() {
        return orderingKey;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] payload() {
        return payload;
    }

    @Override
    public String toString() {
        return subject + " [" + messageId + (orderingKey == null ? "" : ", ordered by " + orderingKey) + "]";
    }
}
