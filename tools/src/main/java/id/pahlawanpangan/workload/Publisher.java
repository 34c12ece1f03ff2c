package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.InputEvent;

/**
 * Where the simulator's input events go: straight to the job's JetStream input streams, as a
 * provider's or NGO's backend with NATS credentials sends them ({@link NatsPublisher}), or as an
 * app's HTTP request to the gateway ({@link GatewayPublisher}).
 */
public interface Publisher {
    /**
     * Sends one event of {@code publisherId} (the provider or NGO it speaks for): {@code payload}
     * is its JSON, or, when {@code bad}, a line in its style that breaks the contract.
     */
    void publish(InputEvent event, String publisherId, String payload, boolean bad) throws Exception;
}
