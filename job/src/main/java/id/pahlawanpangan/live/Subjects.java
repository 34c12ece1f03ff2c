package id.pahlawanpangan.live;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.SourceStream;
import java.io.Serializable;
import java.util.Locale;

/**
 * The NATS subjects and JetStream streams of one deployment, under a namespace (default
 * {@code pangan}; tests and side-by-side deployments use their own). Input subjects name their
 * publisher, so that NATS permissions can bind each provider and NGO to its own subjects:
 *
 * <pre>
 *   pangan.in.offer.&lt;provider_id&gt;   offer.posted, offer.cancelled     (stream PANGAN_IN_OFFERS)
 *   pangan.in.ngo.&lt;ngo_id&gt;          ngo.availability                  (stream PANGAN_IN_NGOS)
 *   pangan.in.claim.&lt;ngo_id&gt;        claim.*, pickup.completed         (stream PANGAN_IN_CLAIMS)
 * </pre>
 *
 * Output subjects are {@code pangan.out.<ngo>.<audience>.<type>} (stream {@code PANGAN_OUT}):
 * the NGO the event is about (or {@code =}), who it is for ({@code ngo}; {@code dispatch} for
 * escalations, expiries and missed pickups; {@code deadletter} for rejected input), and the event
 * type. An NGO's app subscribes to {@code pangan.out.<its id>.>}, dispatchers to
 * {@code pangan.out.*.dispatch.>}, the dead-letter path to {@code pangan.out.*.deadletter.>}.
 * Each event is published once, on one subject.
 *
 * <p>Ids may contain dots, which NATS reads as token separators: in subjects they are written
 * with {@code ~} instead ({@code ngo.7} becomes {@code ngo~7}); {@code ~} is not an id character.
 */
public final class Subjects implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_NAMESPACE = "pangan";
    /** The NGO token of an event about no NGO. */
    static final String NO_NGO = "=";

    private final String namespace;

    public Subjects(String namespace) {
        if (!namespace.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("a NATS namespace is lower-case letters, digits, '_' and '-', was " + namespace);
        }
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** The subjects of an input stream, without the publisher token. */
    public String inputPrefix(SourceStream stream) {
        switch (stream) {
            case OFFERS:
                return namespace + ".in.offer";
            case NGOS:
                return namespace + ".in.ngo";
            case CLAIMS:
                return namespace + ".in.claim";
            default:
                throw new IllegalArgumentException("no input subjects for " + stream);
        }
    }

    /** The JetStream stream holding an input stream. */
    public String inputStream(SourceStream stream) {
        return upper() + "_IN_" + stream.name();
    }

    public String outputStream() {
        return upper() + "_OUT";
    }

    /** Where a publisher with this id publishes events of this stream. */
    public String input(SourceStream stream, String publisherId) {
        return inputPrefix(stream) + "." + token(publisherId);
    }

    /** The publisher an input subject names, or "" when the subject has not the expected shape. */
    public static String publisherOf(String subject) {
        String[] tokens = subject.split("\\.", -1);
        return tokens.length == 4 ? id(tokens[3]) : "";
    }

    public String outputs() {
        return namespace + ".out";
    }

    public String output(MatchEvent e) {
        return outputs() + "." + (e.ngoId == null ? NO_NGO : token(e.ngoId)) + "." + audience(e) + "." + e.type.wireName();
    }

    /** What an NGO's app subscribes to. */
    public String forNgo(String ngoId) {
        return outputs() + "." + token(ngoId) + ".>";
    }

    public String forDispatchers() {
        return outputs() + ".*.dispatch.>";
    }

    public String deadLetters() {
        return outputs() + ".*.deadletter.>";
    }

    private String upper() {
        return namespace.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String audience(MatchEvent e) {
        switch (e.type) {
            case OFFER_ESCALATED:
            case OFFER_EXPIRED:
            case OFFER_PICKUP_MISSED:
                return "dispatch";
            case INPUT_REJECTED:
                return "deadletter";
            default:
                return "ngo";
        }
    }

    public static String token(String id) {
        return id.replace('.', '~');
    }

    static String id(String token) {
        return token.replace('~', '.');
    }
}
