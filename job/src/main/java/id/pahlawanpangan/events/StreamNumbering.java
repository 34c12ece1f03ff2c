package id.pahlawanpangan.events;

/**
 * Numbers the lines of a replay file within their streams, in file order, and tracks the
 * replay's clock (the latest event time read so far), which stands in for the receive time of a
 * line that has no event time of its own.
 */
public final class StreamNumbering {
    private final long[] nextSeq;
    private long clock;

    /** Numbers start at 1, as JetStream's stream sequences do: a replay names inputs as live does. */
    public StreamNumbering() {
        this(firstNumbers(), 0L);
    }

    private static long[] firstNumbers() {
        long[] first = new long[SourceStream.values().length];
        java.util.Arrays.fill(first, 1L);
        return first;
    }

    /** Resumes from {@link #counters()} and {@link #clock()} taken earlier. */
    public StreamNumbering(long[] counters, long clock) {
        if (counters.length != SourceStream.values().length) {
            throw new IllegalArgumentException("expected " + SourceStream.values().length + " stream counters, got " + counters.length);
        }
        this.nextSeq = counters.clone();
        this.clock = clock;
    }

    public RawInput next(String line) {
        if (isFirstLine() && line.startsWith("\uFEFF")) {
            line = line.substring(1); // a byte-order mark, as some editors write at a file's start: not part of the event
        }
        ReplayLines.Peek peek = ReplayLines.peek(line);
        if (peek.exported) {
            RawInput exported = exportedMessage(line);
            if (exported != null) {
                return exported;
            }
        }
        if (peek.eventTime != Long.MIN_VALUE && peek.eventTime > clock) {
            clock = peek.eventTime;
        }
        long seq = nextSeq[peek.stream.ordinal()]++;
        RawInput raw = RawInput.replayLine(peek.stream, seq, line, peek.receivedAt, clock);
        raw.receiveTimeProblem = peek.receivedAtProblem;
        return raw;
    }

    /**
     * An exported message keeps the stream sequence it had live; a plain line after it is numbered
     * after it, so that the two never share a number. A line that only looks like an exported
     * message is numbered as a plain line, and the parser judges it as one (null here).
     */
    private RawInput exportedMessage(String line) {
        RawInput raw;
        try {
            raw = ExportedMessage.read(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.payload != null) {
            long eventTime = ReplayLines.peek(raw.payload).eventTime;
            if (eventTime != Long.MIN_VALUE && eventTime > clock) {
                clock = eventTime;
            }
        }
        int s = raw.stream.ordinal();
        nextSeq[s] = Math.max(nextSeq[s], raw.seq + 1);
        return raw;
    }

    private boolean isFirstLine() {
        for (long next : nextSeq) {
            if (next != 1) {
                return false;
            }
        }
        return true;
    }

    public long[] counters() {
        return nextSeq.clone();
    }

    public long clock() {
        return clock;
    }
}
