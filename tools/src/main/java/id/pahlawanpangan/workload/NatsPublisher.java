package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.JetStream;
import java.nio.charset.StandardCharsets;

/** Each event on its stream's subject for its publisher, once JetStream has stored it. */
public final class NatsPublisher implements Publisher {
    private final JetStream js;
    private final Subjects subjects;

    public NatsPublisher(JetStream js, Subjects subjects) {
        this.js = js;
        this.subjects = subjects;
    }

    @Override
    public void publish(InputEvent event, String publisherId, String payload, boolean bad) throws Exception {
        js.publish(subjects.input(event.type.stream(), publisherId), payload.getBytes(StandardCharsets.UTF_8));
    }
}
