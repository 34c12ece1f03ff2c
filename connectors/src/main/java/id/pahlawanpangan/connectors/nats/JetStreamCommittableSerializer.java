package id.pahlawanpangan.connectors.nats;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned: version 1 is subject, message id, headers, payload. */
public final class JetStreamCommittableSerializer implements SimpleVersionedSerializer<JetStreamCommittable> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(JetStreamCommittable committable) throws IOException {
        JetStreamRecord r = committable.record();
        DataOutputSerializer out = new DataOutputSerializer(64 + r.payload().length);
        out.writeUTF(r.subject());
        out.writeUTF(r.messageId());
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
        if (version != VERSION) {
            throw new IOException("unknown JetStream committable version " + version + " (this build reads " + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String subject = in.readUTF();
        String messageId = in.readUTF();
        int headerCount = in.readInt();
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerCount; i++) {
            headers.put(in.readUTF(), in.readUTF());
        }
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new JetStreamCommittable(new JetStreamRecord(subject, messageId, headers, payload));
    }
}
