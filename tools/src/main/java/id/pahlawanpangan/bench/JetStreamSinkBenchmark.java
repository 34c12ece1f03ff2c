package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.JetStreamSink;
import id.pahlawanpangan.connectors.nats.JetStreamStreams;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The JetStream sink alone: decisions published exactly once to a stream of its own, messages per second (all checked). */
public final class JetStreamSinkBenchmark {
    private static final String STREAM = "PANGAN_BENCH_OUT";

    private final NatsConnection nats;

    public JetStreamSinkBenchmark(NatsConnection nats) {
        this.nats = nats;
    }

    public Measurement run(long events, int parallelism) throws Exception {
        try (Connection c = nats.connect("pangan-bench")) {
            try {
                c.jetStreamManagement().deleteStream(STREAM);
            } catch (Exception e) {
                // not there yet
            }
            JetStreamStreams.ensure(c, StreamConfiguration.builder().name(STREAM).subjects("pangan-bench.out.>")
                    .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(15)).build());
            StreamExecutionEnvironment env = SyntheticDecisions.environment(parallelism);
            SyntheticDecisions.stream(env, events).sinkTo(JetStreamSink.<MatchEvent>builder()
                    .connection(nats)
                    .serializer(e -> new JetStreamRecord("pangan-bench.out." + e.ngoId, e.eventId, Map.of(),
                            MatchEventJson.write(e).getBytes(StandardCharsets.UTF_8)))
                    .exactlyOnce()
                    .build()).name("JetStream");
            double cpu = JvmCpu.seconds();
            long start = System.nanoTime();
            env.execute("bench jetstream sink");
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = JvmCpu.seconds() - cpu;
            long stored = c.jetStreamManagement().getStreamInfo(STREAM).getStreamState().getMsgCount();
            c.jetStreamManagement().deleteStream(STREAM);
            if (stored != events) {
                throw new IllegalStateException("expected " + events + " messages, found " + stored);
            }
            return new Measurement("JetStream sink", "async publishes, acknowledged at checkpoints (exactly once); parallelism " + parallelism,
                    events, "decisions", seconds, cpu);
        }
    }
}
