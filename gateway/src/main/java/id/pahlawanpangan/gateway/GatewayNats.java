package id.pahlawanpangan.gateway;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;

/** How the gateway connects to NATS: as the job does (credentials, TLS, reconnecting for ever), but never buffering. */
public final class GatewayNats {
    private GatewayNats() {}

    /**
     * No reconnect buffer: while NATS is away a publish fails at once (503, retry with the same
     * Idempotency-Key), instead of waiting in the client and being stored after the client was
     * told it failed — an answer the gateway gives must be true.
     */
    public static Options options(NatsConnection settings) {
        return new Options.Builder(settings.options("pangan-gateway")).reconnectBufferSize(0).build();
    }

    public static Connection connect(NatsConnection settings) throws IOException, InterruptedException {
        return Nats.connect(options(settings));
    }
}
