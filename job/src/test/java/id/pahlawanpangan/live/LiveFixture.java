package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.ReplayLines;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.pipeline.Replay;
import id.pahlawanpangan.workload.DayGenerator;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * A live deployment for one test: its own NATS namespace (subjects and streams) on the machine's
 * nats-server, its own migrated database on the machine's PostgreSQL, and a generated day to
 * publish. Removed when closed.
 */
final class LiveFixture implements AutoCloseable {
    static final NatsConnection NATS = NatsConnection.to(System.getenv().getOrDefault("PANGAN_TEST_NATS_URL", NatsConnection.DEFAULT_URL));
    private static final long TICK_AFTER_MS = 30L * 24 * 3600 * 1000;

    final Subjects subjects;
    final PostgresDatabase db;
    final NatsConnection natsConnection;
    final Connection nats;

    /** An embedded cluster for a live test: this many TaskManagers of two slots each. */
    static MiniClusterExtension cluster(int taskManagers) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(taskManagers).setNumberSlotsPerTaskManager(2).build());
    }

    /** On the machine's services. */
    LiveFixture() throws Exception {
        this(NATS, "jdbc:postgresql://127.0.0.1:5432/");
    }

    /** On the given NATS and PostgreSQL servers. */
    LiveFixture(NatsConnection natsConnection, String postgresServer) throws Exception {
        subjects = new Subjects("it" + Long.toString(System.nanoTime(), 36));
        db = PostgresDatabase.create("pangan_live_it", postgresServer);
        new Schema(db.connection()).migrate(null);
        this.natsConnection = natsConnection;
        nats = natsConnection.connect("live-itcase");
        PanganStreams.ensureAll(nats, subjects);
    }

    /**
     * A generated day followed, on each stream, by one event a month after the day or after now,
     * whichever is later: it moves event time past every offer's expiry, so the live job decides
     * everything a replay decides. After now, so that it arrives live and the job's time moves
     * past it once input is quiet: a month after a day already past would arrive as a catch-up,
     * and the decisions at its own time would wait for newer input.
     */
    static List<String> dayWithClosingTicks(int offers, int ngos, long seed) {
        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = offers;
        s.ngos = ngos;
        s.seed = seed;
        s.badInputRate = 0;
        List<String> lines = new ArrayList<>(new DayGenerator(s).generate());
        long lastEvent = lines.stream().mapToLong(l -> ReplayLines.peek(l).eventTime).max().orElseThrow();
        long end = Math.max(lastEvent, System.currentTimeMillis()) + TICK_AFTER_MS;
        InputEvent ngo = new InputEvent();
        ngo.type = InputType.NGO_AVAILABILITY;
        ngo.ngoId = "tick-ngo";
        ngo.lat = -10.9;
        ngo.lon = 95.1; // in the Indian Ocean, far from every offer
        ngo.radiusKm = 1;
        ngo.capacityKg = 0;
        ngo.accepts = 1;
        ngo.active = false;
        ngo.eventTime = end;
        InputEvent cancel = new InputEvent();
        cancel.type = InputType.OFFER_CANCELLED;
        cancel.offerId = "tick-offer";
        cancel.providerId = "tick-provider";
        cancel.eventTime = end;
        InputEvent claim = new InputEvent();
        claim.type = InputType.CLAIM_DECLINED;
        claim.offerId = "tick-offer";
        claim.ngoId = "tick-ngo";
        claim.eventTime = end;
        lines.add(InputEventJson.write(ngo));
        lines.add(InputEventJson.write(cancel));
        lines.add(InputEventJson.write(claim));
        return lines;
    }

    /** Publishes the lines in order, each on its stream's subject for its publisher, at about {@code perSecond}. */
    void publish(List<String> lines, int perSecond) throws Exception {
        JetStream js = nats.jetStream();
        long start = System.nanoTime();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            SourceStream stream = ReplayLines.peek(line).stream;
            js.publish(subjects.input(stream, publisherOf(line, stream)), line.getBytes(StandardCharsets.UTF_8));
            long due = start + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private static String publisherOf(String line, SourceStream stream) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException(line, e);
        }
        return stream == SourceStream.OFFERS ? n.get("provider_id").asText() : n.get("ngo_id").asText();
    }

    /**
     * Starts the live job on this deployment (on the test's MiniCluster), checkpointing every
     * second into {@code checkpoints}, with these extra settings.
     */
    JobClient startJob(Path checkpoints, Map<String, String> settings) throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        config.set(LiveOptions.NAMESPACE, subjects.namespace());
        settings.forEach(config::setString);
        LiveJob job = new LiveJob(config, natsConnection, db.connection(), null);
        job.prepareServices();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return job.start(env);
    }

    /** Every message of the output stream, as JSON lines with their Nats-Msg-Id. */
    List<String[]> outputMessages() throws Exception {
        List<String[]> out = new ArrayList<>();
        JetStreamSubscription sub = nats.jetStream().subscribe(subjects.outputs() + ".>", PullSubscribeOptions.builder().build());
        while (true) {
            List<Message> batch = sub.fetch(1000, Duration.ofSeconds(2));
            if (batch.isEmpty()) {
                break;
            }
            for (Message m : batch) {
                out.add(new String[] {m.getHeaders().getFirst("Nats-Msg-Id"), new String(m.getData(), StandardCharsets.UTF_8), m.getSubject()});
                m.ack();
            }
        }
        sub.unsubscribe();
        return out;
    }

    long outputStreamCount() throws Exception {
        return nats.jetStreamManagement().getStreamInfo(subjects.outputStream()).getStreamState().getMsgCount();
    }

    /**
     * Exactly once: PostGIS and the NATS output stream each hold every expected decision once,
     * and no two messages share a Nats-Msg-Id.
     */
    void assertEveryDecisionOnce(List<String> expected) throws Exception {
        assertThat(postgisEvents()).as("PostGIS: every decision once").containsExactlyInAnyOrderElementsOf(expected);
        List<String[]> messages = outputMessages();
        List<String> ids = messages.stream().map(m -> m[0]).collect(Collectors.toList());
        assertThat(new HashSet<>(ids)).as("no duplicate Nats-Msg-Id").hasSameSizeAs(ids);
        assertThat(messages.stream().map(m -> normalized(m[1])).collect(Collectors.toList()))
                .as("NATS: every decision once").containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The match_events rows as JSON lines (the event column, written back in the wire format). */
    List<String> postgisEvents() throws Exception {
        List<String> out = new ArrayList<>();
        for (String json : db.strings("select event::text from match_events")) {
            out.add(normalized(json));
        }
        return out;
    }

    static String normalized(String json) {
        MatchEvent e = MatchEventJson.read(json);
        return MatchEventJson.write(e);
    }

    @Override
    public void close() throws Exception {
        for (StreamConfiguration c : PanganStreams.all(subjects)) {
            try {
                nats.jetStreamManagement().deleteStream(c.getName());
            } catch (Exception e) {
                // already gone
            }
        }
        nats.close();
        db.close();
    }
}
