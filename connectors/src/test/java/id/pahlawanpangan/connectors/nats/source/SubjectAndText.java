package id.pahlawanpangan.connectors.nats.source;

import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** A message as {@code <sequence> <subject> <text>}; the caught-up report as {@code caught up to <sequence> at <time>}. */
final class SubjectAndText implements StreamRecords<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String fromMessage(Message message) {
        return message.metaData().streamSequence() + " " + message.getSubject() + " " + new String(message.getData(), StandardCharsets.UTF_8);
    }

    @Override
    public String caughtUp(long lastSequence, long readUpTo) {
        return "caught up to " + lastSequence + " at " + readUpTo;
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
