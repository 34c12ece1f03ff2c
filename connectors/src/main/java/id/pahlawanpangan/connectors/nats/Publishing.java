package id.pahlawanpangan.connectors.nats;

import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Publishing one {@link JetStreamRecord} with its de-duplication id; shared by writer and committer. */
public final class Publishing {
    private Publishing() {}

    public static CompletableFuture<PublishAck> publishAsync(JetStream js, JetStreamRecord r) {
        return js.publishAsync(r.subject(), headers(r), r.payload(), options(r));
    }

    public static PublishAck publish(JetStream js, JetStreamRecord r) throws IOException, JetStreamApiException {
        return js.publish(r.subject(), headers(r), r.payload(), options(r));
    }

    private static PublishOptions options(JetStreamRecord r) {
        return PublishOptions.builder().messageId(r.messageId()).build();
    }

    private static Headers headers(JetStreamRecord r) {
        if (r.headers().isEmpty()) {
            return null;
        }
        Headers h = new Headers();
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            h.put(e.getKey(), e.getValue());
        }
        return h;
    }
}
