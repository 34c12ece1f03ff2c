package id.pahlawanpangan.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * How a replay file's lines map to input streams. A replay file holds every stream's events in
 * one file; each line goes to the stream its type is published on, and is numbered within that
 * stream, so that the numbers (and the ids derived from them) do not depend on how the streams
 * are interleaved in the file.
 *
 * <p>A line may give its receive time as a top-level {@code received_at} (contract section 1),
 * as a line exported from JetStream would: it is checked against the event time and moves the
 * replay's event time as a live message's receive time does. It is not part of the event.
 *
 * <p>A line may also be a message exported from JetStream ({@link ExportedMessage}), which
 * carries its stream, sequence, publisher and receive time: it is taken as the live job took it.
 */
public final class ReplayLines {
    /** Read as the parser reads payloads, so that every line it takes for an event is numbered in that event's stream. */
    private static final JsonFactory JSON = InputParser.inputJson();

    private ReplayLines() {}

    /**
     * What a quick look at one line tells: its stream, its event time if it has a readable one,
     * and its receive time ({@code received_at}) if it gives one.
     */
    public static final class Peek {
        public final SourceStream stream;
        /** Epoch ms, or {@link Long#MIN_VALUE} when the line has no readable event time. */
        public final long eventTime;
        /** Epoch ms, or {@link RawInput#NO_RECEIVE_TIME} when the line gives none (or an unusable one). */
        public final long receivedAt;
        /** Why the line's {@code received_at} cannot be used, or null. */
        public final String receivedAtProblem;
        /** The line has a top-level {@value ExportedMessage#KEY} object: a message exported from JetStream. */
        public final boolean exported;

        Peek(SourceStream stream, long eventTime, long receivedAt, String receivedAtProblem, boolean exported) {
            this.stream = stream;
            this.eventTime = eventTime;
            this.receivedAt = receivedAt;
            this.receivedAtProblem = receivedAtProblem;
            this.exported = exported;
        }
    }

    /** Reads only the top-level {@code type}, {@code event_time} and {@code received_at} fields; never throws. */
    public static Peek peek(String line) {
        String type = null;
        String eventTime = null;
        String receivedAt = null;
        boolean receivedAtGiven = false;
        boolean receivedAtSeen = false;
        boolean receivedAtTwice = false;
        boolean exported = false;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("type".equals(name) && value == JsonToken.VALUE_STRING) {
                        type = p.getText();
                    } else if ("event_time".equals(name) && value == JsonToken.VALUE_STRING) {
                        eventTime = p.getText();
                    } else if ("received_at".equals(name)) {
                        // given twice, it is ambiguous, as any key given twice is to the parser
                        receivedAtTwice |= receivedAtSeen;
                        receivedAtSeen = true;
                        receivedAtGiven = value != JsonToken.VALUE_NULL;
                        receivedAt = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        p.skipChildren();
                    } else {
                        exported |= ExportedMessage.KEY.equals(name) && value == JsonToken.START_OBJECT;
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the parser will say so; here it only has no stream
        }
        InputType inputType = type == null ? null : InputType.fromWire(type);
        long time = Long.MIN_VALUE;
        if (eventTime != null) {
            try {
                time = Times.parse(eventTime);
            } catch (RuntimeException e) {
                // unreadable time: the parser will reject it
            }
        }
        long received = RawInput.NO_RECEIVE_TIME;
        String problem = null;
        if (receivedAtTwice) {
            problem = RejectReason.MALFORMED_JSON;
        } else if (receivedAtGiven) {
            try {
                if (receivedAt == null) {
                    throw new InvalidInputException(RejectReason.forField(RejectReason.INVALID_TYPE, "received_at"));
                }
                received = Times.parseContractTime(receivedAt, "received_at");
            } catch (InvalidInputException e) {
                problem = e.reason();
            }
        }
        return new Peek(inputType == null ? SourceStream.UNROUTED : inputType.stream(), time, received, problem, exported);
    }
}
