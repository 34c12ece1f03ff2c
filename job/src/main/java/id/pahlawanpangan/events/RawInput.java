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
    public SourceStream stream;
    public long seq;
    /** The id the subject names (provider for offers, NGO otherwise), or null when unknown. */
    public String publisherId;
    public String payload;
    /** When the message was received, used as the time of a rejection whose payload has none. */
    public long receivedAt;
    /** The W3C trace context the publisher sent (NATS header {@code traceparent}), or null. */
    public String traceparent;
    /**
     * Not a message: the source's report that it has read everything its stream held when it
     * started ({@link InputType#SOURCE_CAUGHT_UP}).
     */
    public boolean sourceCaughtUp;

    public RawInput() {}

    public RawInput(SourceStream stream, long seq, String publisherId, String payload, long receivedAt) {
        this.stream = stream;
        this.seq = seq;
        this.publisherId = publisherId;
        this.payload = payload;
        this.receivedAt = receivedAt;
    }

    /** The report that the source of {@code stream} has read everything its stream held at its start. */
    public static RawInput sourceCaughtUp(SourceStream stream, long seq, long receivedAt) {
        RawInput r = new RawInput(stream, seq, null, null, receivedAt);
        r.sourceCaughtUp = true;
        return r;
    }

    @Override
    public String toString() {
        return stream + "#" + seq + " " + payload;
    }
}
