package id.pahlawanpangan.live;

import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.impl.NatsMessage;
import java.time.Instant;

/**
 * JetStream messages as a live source receives them, built without a server, so that tests can
 * hand any bytes to the job's own converter ({@link NatsRawInputConverter}).
 */
public final class NatsMessages {
    private NatsMessages() {}

    /**
     * The raw input the live job makes of these bytes, published on {@code subject} and stored as
     * message {@code seq} of the stream at {@code receivedAt}.
     */
    public static RawInput received(SourceStream stream, String subject, byte[] data, long seq, long receivedAt) {
        return new NatsRawInputConverter(stream).fromMessage(new StoredMessage(subject, stream, data, seq, receivedAt));
    }

    /** The subject a publisher with this id publishes events of this stream on (default namespace). */
    public static String subject(SourceStream stream, String publisherId) {
        return new Subjects(Subjects.DEFAULT_NAMESPACE).input(stream, publisherId);
    }

    /** A message as a JetStream consumer delivers it: its reply subject carries the stream metadata. */
    private static final class StoredMessage extends NatsMessage {
        StoredMessage(String subject, SourceStream stream, byte[] data, long seq, long receivedAt) {
            super(subject, ackSubject(stream, seq, receivedAt), null, data);
        }

        private static String ackSubject(SourceStream stream, long seq, long receivedAt) {
            Instant at = Instant.ofEpochMilli(receivedAt);
            long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            // $JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<timestamp ns>.<pending>
            return "$JS.ACK.PANGAN_IN_" + stream.name() + ".test.1." + seq + "." + seq + "." + nanos + ".0";
        }

        @Override
        public boolean isJetStream() {
            return true;
        }

        @Override
        public NatsJetStreamMetaData metaData() {
            return new NatsJetStreamMetaData(this);
        }
    }
}
