package id.pahlawanpangan.connectors.nats;

import java.io.Serializable;
import java.util.Map;

/**
 * One message to publish: its subject, its de-duplication id (published as {@code Nats-Msg-Id}),
 * headers and payload. The id must be a function of the record, so that a record replayed after
 * a failure is recognised by JetStream as the message it already has.
 */
public final class JetStreamRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String messageId;
    private final Map<String, String> headers;
    private final byte[] payload;

    public JetStreamRecord(String subject, String messageId, Map<String, String> headers, byte[] payload) {
        if (subject == null || subject.isBlank() || messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("a JetStream record needs a subject and a message id");
        }
        this.subject = subject;
        this.messageId = messageId;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.payload = payload;
    }

    public String subject() {
        return subject;
    }

    public String messageId() {
        return messageId;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] payload() {
        return payload;
    }

    @Override
    public String toString() {
        return subject + " [" + messageId + "]";
    }
}
