package id.pahlawanpangan.access;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.live.Subjects;
import java.util.ArrayList;
import java.util.List;

/**
 * What each role may publish and subscribe to on one deployment's subjects: the rules of
 * docs/SECURITY.md as nats-server enforces them. Everything not allowed is refused.
 *
 * <p>Replies: every user gets an inbox prefix of its own ({@link #inboxPrefix}) and may read only
 * under it. JetStream acknowledges a publish on the publisher's reply subject, and delivers the
 * job's input messages on the job's: a shared {@code _INBOX.>} would let any app read both.
 */
public final class NatsPermissions {
    public final List<String> publish;
    public final List<String> subscribe;

    private NatsPermissions(List<String> publish, List<String> subscribe) {
        this.publish = List.copyOf(publish);
        this.subscribe = List.copyOf(subscribe);
    }

    /** The inbox prefix a member's client must use (jnats: {@code Options.Builder.inboxPrefix}). */
    public static String inboxPrefix(Member m) {
        switch (m.role) {
            case JOB:
                return NatsConnection.JOB_INBOX_PREFIX;
            case ADMIN:
                return "_INBOX_admin." + Subjects.token(m.id);
            default:
                return "_INBOX_" + m.role.wireName() + "." + Subjects.token(m.id);
        }
    }

    public static NatsPermissions of(Member m, Subjects subjects) {
        List<String> pub = new ArrayList<>();
        List<String> sub = new ArrayList<>();
        String inbox = inboxPrefix(m) + ".>";
        String token = Subjects.token(m.id);
        switch (m.role) {
            case ADMIN:
                pub.add(">");
                sub.add(">");
                break;
            case JOB:
                pub.add(subjects.outputs() + ".>");
                pub.addAll(jobJetStreamApi(subjects));
                sub.add(inbox);
                break;
            case PROVIDER:
                pub.add(subjects.inputPrefix(SourceStream.OFFERS) + "." + token);
                sub.add(inbox);
                break;
            case NGO:
                pub.add(subjects.inputPrefix(SourceStream.NGOS) + "." + token);
                pub.add(subjects.inputPrefix(SourceStream.CLAIMS) + "." + token);
                sub.add(subjects.forNgo(m.id));
                sub.add(inbox);
                break;
            case DISPATCHER:
                sub.add(subjects.forDispatchers());
                sub.add(inbox);
                break;
            case GATEWAY:
                // one publisher token each: never the outputs, never a subject the job does not read
                for (SourceStream s : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
                    pub.add(subjects.inputPrefix(s) + ".*");
                }
                pub.addAll(gatewayJetStreamApi(subjects));
                // its event streams are ordered push consumers delivering to its own inbox
                sub.add(inbox);
                break;
            default:
                throw new IllegalArgumentException("no permissions for " + m.role);
        }
        return new NatsPermissions(pub, sub);
    }

    /**
     * The JetStream API the gateway uses: ordered push consumers of its own on the output stream
     * (an NGO's decisions, the dispatchers' stream) and on the NGOs' stream (the map's NGOs), with
     * their flow control; publishing needs none.
     */
    private static List<String> gatewayJetStreamApi(Subjects subjects) {
        List<String> api = new ArrayList<>(List.of("$JS.API.INFO"));
        for (String stream : List.of(subjects.outputStream(), subjects.inputStream(SourceStream.NGOS))) {
            api.add("$JS.API.STREAM.INFO." + stream);
            api.add("$JS.API.CONSUMER.CREATE." + stream);
            api.add("$JS.API.CONSUMER.CREATE." + stream + ".>");
            api.add("$JS.API.CONSUMER.INFO." + stream + ".*");
            api.add("$JS.API.CONSUMER.DELETE." + stream + ".*");
            api.add("$JS.FC." + stream + ".>");
        }
        return api;
    }

    /**
     * The JetStream API the job uses while it runs, and nothing that changes a stream: it reads
     * the streams' state ({@code STREAM.INFO}: the stall guard, the backlog gauge, the duplicate
     * window check) and reads the input streams through ephemeral ordered consumers of its own
     * (create, next, info, delete). Creating and changing streams is the admin's
     * ({@code pangan streams}).
     */
    private static List<String> jobJetStreamApi(Subjects subjects) {
        // NATS wildcards stand for whole tokens: every stream is named
        List<String> api = new ArrayList<>(List.of("$JS.API.INFO", "$JS.API.STREAM.INFO." + subjects.outputStream()));
        for (SourceStream s : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
            String stream = subjects.inputStream(s);
            api.add("$JS.API.STREAM.INFO." + stream);
            api.add("$JS.API.CONSUMER.CREATE." + stream);
            api.add("$JS.API.CONSUMER.CREATE." + stream + ".>");
            api.add("$JS.API.CONSUMER.MSG.NEXT." + stream + ".*");
            api.add("$JS.API.CONSUMER.INFO." + stream + ".*");
            api.add("$JS.API.CONSUMER.DELETE." + stream + ".*");
            api.add("$JS.FC." + stream + ".>");
        }
        return api;
    }
}
