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
 */
public final class ReplayLines {
    private static final JsonFactory JSON = new JsonFactory();

    private ReplayLines() {}

    /** What a quick look at one line tells: its stream, and its event time if it has a readable one. */
    public static final class Peek {
        public final SourceStream stream;
        /** Epoch ms, or {@link Long#MIN_VALUE} when the line has no readable event time. */
        public final long eventTime;

        Peek(SourceStream stream, long eventTime) {
            this.stream = stream;
            this.eventTime = eventTime;
        }
    }

    /** Reads only the top-level {@code type} and {@code event_time} fields; never throws. */
    public static Peek peek(String line) {
        String type = null;
        String eventTime = null;
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
                    } else {
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
        return new Peek(inputType == null ? SourceStream.UNROUTED : inputType.stream(), time);
    }
}
