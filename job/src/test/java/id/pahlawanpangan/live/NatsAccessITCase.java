package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.access.AccessDirectory;
import id.pahlawanpangan.access.Member;
import id.pahlawanpangan.access.NatsPermissions;
import id.pahlawanpangan.access.Role;
import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.nats.NatsErrors;
import id.pahlawanpangan.events.SourceStream;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repo's nats-server configuration (nats/nats-server.conf) with users written by
 * {@code pangan access}, on a nats-server of the test's own: each member can do what its role
 * needs and nothing of anybody else's (docs/SECURITY.md). Every refusal is checked against an
 * allowed action of the same kind, so that a test cannot pass because nothing works at all.
 *
 * <p>The whole job runs first: the other tests publish into the same streams (the server's
 * users are of one namespace), and the job's decisions are compared with a replay of its day
 * alone, stream sequence numbers included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatsAccessITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = LiveFixture.cluster(1);

    @TempDir
    static Path dir;

    static Subjects subjects;
    static AccessDirectory access;
    static PrivateServers.Nats server;

    @BeforeAll
    static void startTheServerWithTheReposConfiguration() throws Exception {
        subjects = new Subjects("acc" + Long.toString(System.nanoTime(), 36));
        Path config = dir.resolve("nats");
        access = AccessDirectory.create(config, subjects);
        access.addWithNewKey(Role.PROVIDER, "prov-1");
        access.addWithNewKey(Role.NGO, "ngo-a");
        access.addWithNewKey(Role.NGO, "ngo.b"); // an id with a dot: a token of its own in subjects
        access.addWithNewKey(Role.DISPATCHER, "desk-1");
        // the repo's file as it is, but for where JetStream keeps its files
        Files.writeString(config.resolve("nats-server.conf"), Files.readString(Path.of("..", "nats", "nats-server.conf"))
                .replace("store_dir: /var/lib/nats-server", "store_dir: \"" + dir.resolve("store") + "\""));
        server = new PrivateServers.Nats(dir.resolve("store"), config.resolve("nats-server.conf"));
        server.start();
    }

    /** The streams, made by the admin (the live fixture removes them when it closes). */
    @BeforeEach
    void createTheStreams() throws Exception {
        try (Connection admin = as(Role.ADMIN, "admin").connect("access-admin")) {
            PanganStreams.ensureAll(admin, subjects, LiveFixture.TEST_STREAM_LIMITS);
        }
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        server.close();
    }

    static NatsConnection as(Role role, String id) {
        Member m = access.find(role, id).orElseThrow();
        Path seed = dir.resolve("nats").resolve(AccessDirectory.SEEDS).resolve(role.wireName() + "-" + Subjects.token(id) + ".nk");
        return NatsConnection.to(server.url()).withNkeySeed(Secret.fromFile(seed.toString())).withInboxPrefix(NatsPermissions.inboxPrefix(m));
    }

    @Test
    void nobodyConnectsWithoutAKey() {
        assertThatThrownBy(() -> NatsConnection.to(server.url()).connect("anonymous").close())
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void anNgoReadsItsOwnDecisionsOnlyAndPublishesOnlyAsItself() throws Exception {
        try (Connection a = as(Role.NGO, "ngo-a").connect("ngo-a"); Connection admin = as(Role.ADMIN, "admin").connect("admin")) {
            Subscription own = a.subscribe(subjects.forNgo("ngo-a"));
            a.flush(Duration.ofSeconds(2));
            admin.publish(subjects.outputs() + ".ngo-a.ngo.offer.proposed", "for a".getBytes(StandardCharsets.UTF_8));
            assertThat(own.nextMessage(Duration.ofSeconds(5))).as("its own decisions").isNotNull();

            a.subscribe(subjects.forNgo("ngo.b"));
            awaitRefused(a, "Subscription", subjects.outputs() + ".ngo~b.>");

            assertThat(a.jetStream().publish(subjects.input(SourceStream.CLAIMS, "ngo-a"), "{}".getBytes(StandardCharsets.UTF_8)).getSeqno())
                    .as("its own claim subject, acknowledged on its own inbox").isPositive();
            a.publish(subjects.input(SourceStream.NGOS, "ngo.b"), "{}".getBytes(StandardCharsets.UTF_8));
            awaitRefused(a, "Publish", subjects.input(SourceStream.NGOS, "ngo.b"));
            a.publish(subjects.input(SourceStream.CLAIMS, "ngo.b"), "{}".getBytes(StandardCharsets.UTF_8));
            awaitRefused(a, "Publish", subjects.input(SourceStream.CLAIMS, "ngo.b"));
        }
        try (Connection admin = as(Role.ADMIN, "admin").connect("admin")) {
            assertThat(admin.jetStreamManagement().getStreamInfo(subjects.inputStream(SourceStream.NGOS)).getStreamState().getMsgCount())
                    .as("nothing reached the NGO stream under ngo.b's name").isZero();
        }
    }

    @Test
    void nobodyReadsAnotherUsersReplies() throws Exception {
        try (Connection a = as(Role.NGO, "ngo-a").connect("ngo-a")) {
            for (String inbox : List.of("_INBOX.>", NatsConnection.JOB_INBOX_PREFIX + ".>", "_INBOX_provider.prov-1.>", "_INBOX_ngo.ngo~b.>", ">")) {
                a.subscribe(inbox);
                awaitRefused(a, "Subscription", inbox);
            }
        }
    }

    @Test
    void aProviderPostsOffersOnlyUnderItsOwnName() throws Exception {
        try (Connection p = as(Role.PROVIDER, "prov-1").connect("prov-1")) {
            PublishAck ack = p.jetStream().publish(subjects.input(SourceStream.OFFERS, "prov-1"), "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(ack.getStream()).isEqualTo(subjects.inputStream(SourceStream.OFFERS));
            for (String subject : List.of(subjects.input(SourceStream.NGOS, "prov-1"), subjects.input(SourceStream.CLAIMS, "prov-1"),
                    subjects.input(SourceStream.OFFERS, "prov-2"), subjects.outputs() + ".=.ngo.offer.proposed")) {
                p.publish(subject, "{}".getBytes(StandardCharsets.UTF_8));
                awaitRefused(p, "Publish", subject);
            }
            p.subscribe(subjects.outputs() + ".>");
            awaitRefused(p, "Subscription", subjects.outputs() + ".>");
        }
    }

    @Test
    void aDispatcherReadsDispatchSubjectsOnly() throws Exception {
        try (Connection d = as(Role.DISPATCHER, "desk-1").connect("desk-1"); Connection admin = as(Role.ADMIN, "admin").connect("admin")) {
            Subscription dispatch = d.subscribe(subjects.forDispatchers());
            d.flush(Duration.ofSeconds(2));
            admin.publish(subjects.outputs() + ".=.dispatch.offer.escalated", "escalated".getBytes(StandardCharsets.UTF_8));
            Message m = dispatch.nextMessage(Duration.ofSeconds(5));
            assertThat(m).as("an escalation").isNotNull();
            d.subscribe(subjects.forNgo("ngo-a"));
            awaitRefused(d, "Subscription", subjects.forNgo("ngo-a"));
            d.subscribe(subjects.deadLetters());
            awaitRefused(d, "Subscription", subjects.deadLetters());
            d.publish(subjects.input(SourceStream.OFFERS, "prov-1"), "{}".getBytes(StandardCharsets.UTF_8));
            awaitRefused(d, "Publish", subjects.input(SourceStream.OFFERS, "prov-1"));
        }
    }

    @Test
    void theJobsUserMayNotManageStreamsAndIsToldSo() throws Exception {
        try (Connection job = as(Role.JOB, "job").connect("job")) {
            PanganStreams.requireAll(job, subjects); // what it may: read the streams' state
            assertThatThrownBy(() -> PanganStreams.ensureAll(job, subjects, new StreamLimits(1024, 1 << 20, 1 << 20)))
                    .as("changing a stream's limits").isInstanceOf(NatsErrors.NatsPermissionException.class)
                    .hasMessageContaining("lacks a permission").hasMessageContaining("$JS.API.STREAM.UPDATE." + subjects.inputStream(SourceStream.OFFERS));
            assertThatThrownBy(() -> PanganStreams.requireAll(job, new Subjects("other")))
                    .as("another deployment's streams").hasMessageContaining("lacks a permission").hasMessageContaining("$JS.API.STREAM.INFO.OTHER_IN_OFFERS");
        }
    }

    @Test
    @Order(1)
    void theJobRunsEndToEndAsItsLeastPrivilegedUser() throws Exception {
        LiveDay day = LiveDay.generate(40, 10, 21, Duration.ofSeconds(20), Duration.ofSeconds(5));
        List<String> expected = ReplayOfSameInput.decide(day.writeTo(dir.resolve("day.jsonl")), day.settings);
        try (LiveFixture live = new LiveFixture(subjects, as(Role.ADMIN, "admin"), as(Role.JOB, "job"), "jdbc:postgresql://127.0.0.1:5432/")) {
            JobClient client = live.startJob(dir.resolve("checkpoints"), day.settings);
            try {
                live.play(day, Duration.ofSeconds(5));
                await("every decision").atMost(Duration.ofMinutes(2)).until(() -> live.db.count("select count(*) from match_events") >= expected.size());
                LiveFixture.awaitSettled("decisions", () -> live.db.count("select count(*) from match_events"));
                live.assertEveryDecisionOnce(expected);
            } finally {
                client.cancel().get();
            }
        }
        assertThat(server.log()).as("nothing the job did was refused").doesNotContain("Permissions Violation for Publish to \"" + subjects.outputs())
                .doesNotContain("Permissions Violation for Publish to \"$JS.API.CONSUMER");
    }

    private static void awaitRefused(Connection c, String what, String subject) {
        NatsErrors errors = (NatsErrors) c.getOptions().getErrorListener();
        await(what + " " + subject + " refused").atMost(Duration.ofSeconds(5)).until(() -> {
            String v = errors.lastPermissionViolation();
            return v != null && v.contains("Permissions Violation for " + what) && v.contains("\"" + subject + "\"");
        });
    }
}
