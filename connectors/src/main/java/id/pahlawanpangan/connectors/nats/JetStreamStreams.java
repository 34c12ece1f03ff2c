package id.pahlawanpangan.connectors.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;

/** Creates the streams a deployment needs, or brings existing ones to the configuration given. */
public final class JetStreamStreams {
    private static final int STREAM_NOT_FOUND = 10059;

    private JetStreamStreams() {}

    /**
     * Creates the stream if it does not exist, else updates it when its subjects, limits, discard
     * policy or duplicate window differ. Returns the configuration now in force.
     */
    public static StreamConfiguration ensure(Connection connection, StreamConfiguration wanted) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        StreamInfo existing;
        try {
            existing = jsm.getStreamInfo(wanted.getName());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            return jsm.addStream(wanted).getConfiguration();
        }
        StreamConfiguration have = existing.getConfiguration();
        boolean same = new HashSet<>(have.getSubjects()).equals(new HashSet<>(wanted.getSubjects()))
                && have.getMaxAge().equals(wanted.getMaxAge())
                && have.getDuplicateWindow().equals(wanted.getDuplicateWindow())
                && have.getMaxBytes() == wanted.getMaxBytes()
                && have.getMaxMsgSize() == wanted.getMaxMsgSize()
                && have.getMaxMsgsPerSubject() == wanted.getMaxMsgsPerSubject()
                && have.getDiscardPolicy() == wanted.getDiscardPolicy()
                && have.isDiscardNewPerSubject() == wanted.isDiscardNewPerSubject();
        return same ? have : jsm.updateStream(wanted).getConfiguration();
    }

    /** Whether the stream exists (asking for its state only: the least a user may be allowed). */
    public static boolean exists(Connection connection, String stream) throws IOException, JetStreamApiException {
        try {
            connection.jetStreamManagement().getStreamInfo(stream);
            return true;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** Fails unless the stream's duplicate window is at least {@code minimum}. */
    public static void requireDuplicateWindow(Connection connection, String stream, Duration minimum) throws IOException, JetStreamApiException {
        Duration window = connection.jetStreamManagement().getStreamInfo(stream).getConfiguration().getDuplicateWindow();
        if (window.compareTo(minimum) < 0) {
            throw new IllegalStateException("stream " + stream + " de-duplicates for " + window + ", exactly-once needs at least " + minimum);
        }
    }
}
