package id.pahlawanpangan.connectors.nats;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Versioned. Version 2 is subject, message id, ordering key (a presence flag, then the key),
 * headers, payload; version 1 (written by builds before ordering keys) is the same without the
 * key, and is still read: checkpoints and savepoints of those builds can hold committables.
 */
public final class JetStreamCommittableSerializer implements SimpleVersionedSerializer<JetStreamCommittable> {
    static final int WITHOUT_ORDERING_KEY = 1;
    static final int WITH_ORDERING_KEY = 2;

    @Override
    public int getVersion() {
        return WITH_ORDERING_KEY;
    }

    @Override
    public byte[] serialize(JetStreamCommittable committable) throws IOException {
        JetStreamRecord r = committable.record();
        DataOutputSerializer out = new DataOutputSerializer(64 + r.payload().length);
        out.writeUTF(r.subject());
        out.writeUTF(r.messageId());
        out.writeBoolean(r.orderingKey() != null);
        if (r.orderingKey() != null) {
            out.writeUTF(r.orderingKey());
        }
        out.writeInt(r.headers().size());
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            out.writeUTF(h.getKey());
            out.writeUTF(h.getValue());
        }
        out.writeInt(r.payload().length);
        out.write(r.payload());
        return out.getCopyOfBuffer();
    }

    @Override
    public JetStreamCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != WITHOUT_ORDERING_KEY && version != WITH_ORDERING_KEY) {
            throw new IOException("unknown JetStream committable version " + version + ": this build reads versions "
                    + WITHOUT_ORDERING_KEY + " and " + WITH_ORDERING_KEY + "; the checkpoint was taken by a newer build of the sink");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String subject = in.readUTF();
        String messageId = in.readUTF();
        String orderingKey = version == WITH_ORDERING_KEY && in.readBoolean() ? in.readUTF() : null;
        int headerCount = in.readInt();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerCount; i++) {
            headers.put(in.readUTF(), in.readUTF());
        }
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new JetStreamCommittable(new JetStreamRecord(subject, messageId, orderingKey, headers, payload));
    }
}
