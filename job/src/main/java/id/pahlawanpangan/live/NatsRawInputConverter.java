package id.pahlawanpangan.live;

import id.pahlawanpangan.connectors.nats.source.StreamRecords;
import id.pahlawanpangan.events.DeadLetterPayload;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.operators.EventTypes;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A JetStream message as the job's raw input: its stream sequence (the tie-break of the contract
 * and the input's name in event ids), the publisher its subject names, the payload, and the
 * server's receive time (stored with the message, so the same on every replay). And the source's
 * report that it read the stream to its end, as a {@link RawInput#sourceCaughtUp} record.
 */
final class NatsRawInputConverter implements StreamRecords<RawInput> {
    private static final long serialVersionUID = 1L;

    private final SourceStream stream;

    NatsRawInputConverter(SourceStream stream) {
        this.stream = stream;
    }

    @Override
    public RawInput fromMessage(Message message) {
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
    public RawInput caughtUp(long lastSequence, long readUpTo) {
        return RawInput.sourceCaughtUp(stream, lastSequence, readUpTo);
    }

    @Override
    public TypeInformation<RawInput> getProducedType() {
        return EventTypes.RAW_INPUT;
    }
}
