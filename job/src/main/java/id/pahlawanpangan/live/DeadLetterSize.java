package id.pahlawanpangan.live;

/**
 * The largest dead letter the job can publish, against the server's largest message: checked
 * before the job starts, because a dead letter nats-server refuses would be refused again after
 * every restart. A payload is cut to {@code input.max-payload-bytes}, and JSON escapes a control
 * character as six bytes ({@code \u0001}), so a dead letter may be six times its payload.
 */
final class DeadLetterSize {
    /** The event's other fields: ids of at most 64 characters, a reason, a time. */
    static final int FIELDS = 1024;
    static final int ESCAPED_BYTES_PER_BYTE = 6;

    private DeadLetterSize() {}

    static long largest(int maxPayloadBytes) {
        return (long) maxPayloadBytes * ESCAPED_BYTES_PER_BYTE + FIELDS;
    }

    static void requireRoom(int maxPayloadBytes, long serverMaxPayload) {
        if (largest(maxPayloadBytes) > serverMaxPayload) {
            throw new IllegalStateException("input.max-payload-bytes " + maxPayloadBytes + " is too large for this nats-server: a dead letter could take "
                    + largest(maxPayloadBytes) + " bytes once escaped, over its max_payload of " + serverMaxPayload
                    + "; set input.max-payload-bytes to at most " + (serverMaxPayload - FIELDS) / ESCAPED_BYTES_PER_BYTE + " or raise max_payload");
        }
    }
}
