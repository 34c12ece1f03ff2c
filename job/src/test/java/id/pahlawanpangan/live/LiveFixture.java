package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import id.pahlawanpangan.db.Roles;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.ReplayLines;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.pipeline.Replay;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * A live deployment for one test: its own NATS namespace (subjects and streams) on the machine's
 * nats-server, its own migrated database on the machine's PostgreSQL (the job writes as a login
 * of pangan_job, the test reads as the superuser), and a generated day to publish. Removed when
 * closed.
 */
final class LiveFixture implements AutoCloseable {
    static final NatsConnection NATS = NatsConnection.to(System.getenv().getOrDefault("PANGAN_TEST_NATS_URL", NatsConnection.DEFAULT_URL));
    /** The job's login in live tests: a member of pangan_job, as in production (never the superuser). */
    static final String JOB_USER = "pangan_it_job";
    /**
     * The tests' streams: small, because JetStream reserves a stream's byte limit in the server's
     * store, which the machine's other streams share (the default limits of one deployment are 5 GiB).
     */
    static final StreamLimits TEST_STREAM_LIMITS = new StreamLimits(MatchingOptions.MAX_PAYLOAD_BYTES.defaultValue(), 256L << 20, 512L << 20);

    final Subjects subjects;
    final PostgresDatabase db;
    /** The database as the job's login: what the job writes with. */
    final PostgisConnection jobConnection;
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
        this(new Subjects("it" + Long.toString(System.nanoTime(), 36)), natsConnection, natsConnection, postgresServer);
    }

    /**
     * On the given servers, under these subjects; the streams made and the day published as
     * {@code admin}, the job run as {@code job} (a NATS user of its own: least privilege).
     */
    LiveFixture(Subjects subjects, NatsConnection admin, NatsConnection job, String postgresServer) throws Exception {
        this.subjects = subjects;
        db = PostgresDatabase.create("pangan_live_it", postgresServer);
        new Schema(db.connection()).migrate(null);
        new Roles(db.connection()).grantLogin(JOB_USER, Roles.Role.JOB, Secret.none());
        jobConnection = db.connection().withUser(JOB_USER, Secret.none());
        this.natsConnection = job;
        nats = admin.connect("live-itcase");
        PanganStreams.ensureAll(nats, subjects, TEST_STREAM_LIMITS);
    }

    /**
     * Publishes a live day as its publishers would: each line on its stream's subject for its
     * publisher, {@code lead} before its event time (as a publisher whose clock runs that far
     * ahead; well within the accepted skew), so that no event arrives late even when this machine
     * is slow for a moment. A publish that fails (the server restarting) is tried again with the
     * same message id, which JetStream de-duplicates.
     */
    void play(LiveDay day, Duration lead) throws Exception {
        JetStream js = nats.jetStream();
        for (int i = 0; i < day.lines.size(); i++) {
            String line = day.lines.get(i);
            ReplayLines.Peek peek = ReplayLines.peek(line);
            long wait = peek.eventTime - lead.toMillis() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String subject = subjects.input(peek.stream, publisherOf(line, peek.stream));
            PublishOptions id = PublishOptions.builder().messageId(subjects.namespace() + "-line-" + i).build();
            publishUntilAcknowledged(js, subject, line, id);
        }
    }

    private static void publishUntilAcknowledged(JetStream js, String subject, String line, PublishOptions id) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                js.publish(subject, line.getBytes(StandardCharsets.UTF_8), id);
                return;
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(250); // the server is away (a test restarts it): try again
            }
        }
    }

    /**
     * Waits until the count stops moving (the same for three seconds): what arrives beyond the
     * expected decisions would show by then, and the assertions that follow name it.
     */
    static void awaitSettled(String what, Callable<Long> count) {
        long[] last = {Long.MIN_VALUE};
        await(what + " settled").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            long now = count.call();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }

    /** {@link #play} on another thread. */
    CompletableFuture<Void> playInBackground(LiveDay day, Duration lead) {
        return CompletableFuture.runAsync(() -> {
            try {
                play(day, lead);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Publishes the lines in order, each on its stream's subject for its publisher, as fast as JetStream takes them. */
    void publishAll(List<String> lines) throws Exception {
        JetStream js = nats.jetStream();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (String line : lines) {
            SourceStream stream = ReplayLines.peek(line).stream;
            acks.add(js.publishAsync(subjects.input(stream, publisherOf(line, stream)), line.getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get();
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
        LiveJob job = new LiveJob(config, natsConnection, jobConnection, null);
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

    /** Messages in the three input streams. */
    long inputMessageCount() throws Exception {
        long n = 0;
        for (SourceStream stream : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
            n += nats.jetStreamManagement().getStreamInfo(subjects.inputStream(stream)).getStreamState().getMsgCount();
        }
        return n;
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
        assertEachOffersEventsInDecisionOrder(messages, expected);
    }

    /**
     * Section 5 of the contract: the events of one offer are in the output stream (read in stream
     * order) in decision order, the order of the replay's output ({@link MatchEvent#DECISION_ORDER}).
     */
    static void assertEachOffersEventsInDecisionOrder(List<String[]> messages, List<String> expected) {
        Map<String, List<String>> inStream = byOffer(messages.stream().map(m -> normalized(m[1])).collect(Collectors.toList()));
        for (Map.Entry<String, List<String>> offer : byOffer(expected).entrySet()) {
            assertThat(inStream.get(offer.getKey())).as("the output stream's events of " + offer.getKey() + ", in decision order")
                    .containsExactlyElementsOf(offer.getValue());
        }
    }

    private static Map<String, List<String>> byOffer(List<String> events) {
        Map<String, List<String>> byOffer = new LinkedHashMap<>();
        for (String json : events) {
            String offer = MatchEventJson.read(json).offerId;
            if (offer != null) {
                byOffer.computeIfAbsent(offer, o -> new ArrayList<>()).add(json);
            }
        }
        return byOffer;
    }

    /**
     * The match_events rows as JSON lines (the event column, written back in the wire format), a
     * dead letter's payload taken from rejected_input, where it is kept once.
     */
    List<String> postgisEvents() throws Exception {
        List<String> out = new ArrayList<>();
        for (String json : db.strings(MatchEventRows.SELECT_DECISIONS_AS_JSON)) {
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
        for (StreamConfiguration c : PanganStreams.all(subjects, TEST_STREAM_LIMITS)) {
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
