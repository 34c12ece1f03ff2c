package id.pahlawanpangan.core;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.SourceStream;

/**
 * What led to a decision: a timer of the offer, or one input event. Causes are ordered as the
 * contract applies them at equal time (timers first, then inputs by type and stream position),
 * and each names itself in the ids of the events it causes.
 */
public final class Cause {
    /** Ranks 0..2: the offer's timers, in the contract's order at equal time. */
    public enum Timer {
        OFFER_EXPIRY('E'),
        HOLD_EXPIRY('H'),
        NEAR_EXPIRY_CHECK('N');

        private final char code;

        Timer(char code) {
            this.code = code;
        }
    }

    /** Inputs rank after the timers, by their type's priority. */
    private static final int FIRST_INPUT_RANK = Timer.values().length;
    /** Payloads that are not events have no type: they rank last. */
    public static final int UNPARSED_RANK = FIRST_INPUT_RANK + 6;

    private final int rank;
    private final SourceStream stream;
    private final long seq;
    private final String code;
    private final String traceparent;

    private Cause(int rank, SourceStream stream, long seq, String code, String traceparent) {
        this.rank = rank;
        this.stream = stream;
        this.seq = seq;
        this.code = code;
        this.traceparent = traceparent;
    }

    public static Cause timer(Timer timer, long due) {
        return new Cause(timer.ordinal(), null, 0, timer.code + Long.toString(due), null);
    }

    public static Cause input(InputEvent e) {
        return new Cause(FIRST_INPUT_RANK + e.type.priority(), e.stream, e.seq, e.stream.code() + Long.toString(e.seq), e.traceparent);
    }

    /** A payload that could not be read as an event. */
    public static Cause unparsed(SourceStream stream, long seq, String traceparent) {
        return new Cause(UNPARSED_RANK, stream, seq, stream.code() + Long.toString(seq), traceparent);
    }

    public int rank() {
        return rank;
    }

    public SourceStream stream() {
        return stream;
    }

    public long seq() {
        return seq;
    }

    /** Unique among the causes of one offer: a stream position, or a timer and its due time. */
    public String code() {
        return code;
    }

    /** The trace context of the input that is the cause, or null (timers, untraced input). */
    public String traceparent() {
        return traceparent;
    }

    @Override
    public String toString() {
        return code;
    }
}
