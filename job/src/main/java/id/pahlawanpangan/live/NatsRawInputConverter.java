package id.pahlawanpangan.live;

import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.operators.EventTypes;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.synadia.flink.message.SourceConverter;
import id.pahlawanpangan.events.DeadLetterPayload;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A JetStream message as the job's raw input: its stream sequence (the tie-break of the contract
 * and the input's name in event ids), the publisher its subject names, the payload, and the
 * server's receive time (stored with the message, so the same on every replay).
 *
 * <p>The NATS connector re-creates converters from their class name, so each input stream has
 * its own subclass with a no-argument constructor.
 */
abstract class NatsRawInputConverter implements SourceConverter<RawInput> {
    private static final long serialVersionUID = 1L;

    private final SourceStream stream;

    NatsRawInputConverter(SourceStream stream) {
        this.stream = stream;
    }

    static NatsRawInputConverter of(SourceStream stream) {
        switch (stream) {
            case OFFERS:
                return new Offers();
            case NGOS:
                return new Ngos();
            case CLAIMS:
                return new Claims();
            default:
                throw new IllegalArgumentException("no JetStream input for " + stream);
        }
    }

    public static final class Offers extends NatsRawInputConverter {
        private static final long serialVersionUID = 1L;

        public Offers() {
            super(SourceStream.OFFERS);
        }
    }

    public static final class Ngos extends NatsRawInputConverter {
        private static final long serialVersionUID = 1L;

        public Ngos() {
            super(SourceStream.NGOS);
        }
    }

    public static final class Claims extends NatsRawInputConverter {
        private static final long serialVersionUID = 1L;

        public Claims() {
            super(SourceStream.CLAIMS);
        }
    }

    @Override
    public RawInput convert(Message message) {
        NatsJetStreamMetaData meta = message.metaData();
        byte[] data = message.getData();
        String text = data == null ? null : DeadLetterPayload.decodeStrictly(data);
        RawInput raw = new RawInput(stream, meta.streamSequence(), Subjects.publisherOf(message.getSubject()), text,
                meta.timestamp().toInstant().toEpochMilli());
        if (data != null && text == null) {
            raw.undecodablePayload = data; // not UTF-8: rejected, and dead-lettered as the bytes that came
        }
        if (message.getHeaders() != null) {
            raw.traceparent = message.getHeaders().getFirst("traceparent");
        }
        return raw;
    }

    @Override
    public TypeInformation<RawInput> getProducedType() {
        return EventTypes.RAW_INPUT;
    }
}
