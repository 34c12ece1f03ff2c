package id.pahlawanpangan.live;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.SourceStream;

/**
 * The NATS subjects of the product. Input subjects name their publisher, so that NATS
 * permissions can bind each provider and NGO to its own subjects:
 *
 * <pre>
 *   pangan.in.offer.&lt;provider_id&gt;   offer.posted, offer.cancelled
 *   pangan.in.ngo.&lt;ngo_id&gt;          ngo.availability
 *   pangan.in.claim.&lt;ngo_id&gt;        claim.accepted, claim.declined, pickup.completed
 * </pre>
 *
 * Output subjects are {@code pangan.out.<ngo>.<audience>.<type>}: the NGO the event is about (or
 * {@code =}), who it is for ({@code ngo}, {@code dispatch} for escalations, expiries and missed
 * pickups, {@code deadletter} for rejected input), and the event type. An NGO's app subscribes to
 * {@code pangan.out.<its id>.>}, dispatchers to {@code pangan.out.*.dispatch.>}, the dead-letter
 * path to {@code pangan.out.*.deadletter.>}. Each event is published once, on one subject.
 *
 * <p>Ids may contain dots, which NATS reads as token separators: in subjects they are written
 * with {@code ~} instead ({@code ngo.7} becomes {@code ngo~7}); {@code ~} is not an id character.
 */
public final class Subjects {
    public static final String OFFERS = "pangan.in.offer";
    public static final String NGOS = "pangan.in.ngo";
    public static final String CLAIMS = "pangan.in.claim";
    public static final String OUT = "pangan.out";
    /** The NGO token of an event about no NGO. */
    static final String NO_NGO = "=";

    private Subjects() {}

    public static String prefixOf(SourceStream stream) {
        switch (stream) {
            case OFFERS:
                return OFFERS;
            case NGOS:
                return NGOS;
            case CLAIMS:
                return CLAIMS;
            default:
                throw new IllegalArgumentException("no input subjects for " + stream);
        }
    }

    /** Where a publisher with this id publishes events of this stream. */
    public static String input(SourceStream stream, String publisherId) {
        return prefixOf(stream) + "." + token(publisherId);
    }

    /** The publisher an input subject names, or "" when the subject has not the expected shape. */
    public static String publisherOf(String subject) {
        String[] tokens = subject.split("\\.", -1);
        return tokens.length == 4 ? id(tokens[3]) : "";
    }

    public static String output(MatchEvent e) {
        return OUT + "." + (e.ngoId == null ? NO_NGO : token(e.ngoId)) + "." + audience(e) + "." + e.type.wireName();
    }

    /** What an NGO's app subscribes to. */
    public static String forNgo(String ngoId) {
        return OUT + "." + token(ngoId) + ".>";
    }

    public static final String FOR_DISPATCHERS = OUT + ".*.dispatch.>";
    public static final String DEAD_LETTERS = OUT + ".*.deadletter.>";

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

    static String token(String id) {
        return id.replace('.', '~');
    }

    static String id(String token) {
        return token.replace('~', '.');
    }
}
