package id.pahlawanpangan.events;

/**
 * One input message as it arrived, before parsing: its payload and where it came from.
 *
 * <p>{@code seq} is the message's position in its stream (the JetStream stream sequence, or the
 * line's index among its stream's lines in a replay file). It breaks ties between events of
 * equal time and type, and names the input in the ids of the decisions it causes, so it must be
 * the same on every replay of the same input.
 */
public class RawInput {
    /** {@link #receivedAt} when the receive time is not known (a replay line without {@code received_at}). */
    public static final long NO_RECEIVE_TIME = Long.MIN_VALUE;

    public SourceStream stream;
    public long seq;
    /** The id the subject names (provider for offers, NGO otherwise), or null when unknown. */
    public String publisherId;
    /** The payload as text: the message decoded as UTF-8, or a replay file's line; null when not valid UTF-8. */
    public String payload;
    /** The message's bytes when they are not valid UTF-8 (then {@link #payload} is null), for the dead letter. */
    public byte[] undecodablePayload;
    /**
     * The receive time (contract section 1): the JetStream server's timestamp of the message, or
     * a replay line's {@code received_at}; {@link #NO_RECEIVE_TIME} when not known.
     */
    public long receivedAt = NO_RECEIVE_TIME;
    /**
     * When a rejection whose payload has no readable time is dated: the receive time, or in a
     * replay without one, the latest event time read so far.
     */
    public long fallbackTime;
    /** Why the receive time given with the message cannot be used (a replay line's bad {@code received_at}), or null. */
    public String receiveTimeProblem;
    /** The W3C trace context the publisher sent (NATS header {@code traceparent}), or null. */
    public String traceparent;
    /**
     * Not a message: the source's report that it has read its stream to the end as of {@link
     * #receivedAt}, so every message it delivers from now on was received at or after that time
     * ({@link InputType#SOURCE_CAUGHT_UP}).
     */
    public boolean sourceCaughtUp;

    public RawInput() {}

    /** A message with a known receive time. */
    public RawInput(SourceStream stream, long seq, String publisherId, String payload, long receivedAt) {
        this.stream = stream;
        this.seq = seq;
        this.publisherId = publisherId;
        this.payload = payload;
        this.receivedAt = receivedAt;
        this.fallbackTime = receivedAt;
    }

    /** A replay line: its receive time if it gave one ({@link #NO_RECEIVE_TIME} otherwise), and the replay's clock. */
    public static RawInput replayLine(SourceStream stream, long seq, String line, long receivedAt, long replayClock) {
        RawInput r = new RawInput(stream, seq, null, line, receivedAt);
        r.fallbackTime = receivedAt != NO_RECEIVE_TIME ? receivedAt : replayClock;
        return r;
    }

    /** The report that the source of {@code stream} has read it to the end as of {@code readUpTo} (server time). */
    public static RawInput sourceCaughtUp(SourceStream stream, long seq, long readUpTo) {
        RawInput r = new RawInput(stream, seq, null, null, readUpTo);
        r.sourceCaughtUp = true;
        return r;
    }

    public boolean hasReceiveTime() {
        return receivedAt != NO_RECEIVE_TIME;
    }

    @Override
    public String toString() {
        return stream + "#" + seq + " " + payload;
    }
}
