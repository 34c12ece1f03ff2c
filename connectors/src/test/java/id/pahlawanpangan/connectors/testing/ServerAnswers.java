package id.pahlawanpangan.connectors.testing;

import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JetStream's answers to a publication, read by jnats from the JSON nats-server sends: an
 * acknowledgement, or the API error a stream raises (the same parsing, so the same exception).
 */
public final class ServerAnswers {
    private ServerAnswers() {}

    public static PublishAck ack(String stream, long seq, boolean duplicate) {
        try {
            return new PublishAck(reply("{\"stream\":\"" + stream + "\",\"seq\":" + seq + (duplicate ? ",\"duplicate\":true" : "") + "}"));
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the stream answers with, e.g. 10054 "message size exceeds maximum allowed". */
    public static JetStreamApiException apiError(int code, int errCode, String description) {
        try {
            new PublishAck(reply("{\"error\":{\"code\":" + code + ",\"err_code\":" + errCode + ",\"description\":\"" + description + "\"}}"));
        } catch (JetStreamApiException e) {
            return e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("jnats read an error answer as an acknowledgement");
    }

    private static NatsMessage reply(String json) {
        return NatsMessage.builder().subject("_INBOX_test.reply").data(json.getBytes(StandardCharsets.UTF_8)).build();
    }
}
