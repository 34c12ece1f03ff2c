package id.pahlawanpangan.events;

/**
 * The input stream an event arrives on. Each publisher writes to one stream, so the order of
 * events within a stream is the order the contract's tie-break (section 2, rule 3) refers to.
 */
public enum SourceStream {
    /** {@code offer.posted} and {@code offer.cancelled}, published by providers. */
    OFFERS('o'),
    /** {@code ngo.availability}, published by NGOs. */
    NGOS('g'),
    /** {@code claim.accepted}, {@code claim.declined} and {@code pickup.completed}, published by NGOs. */
    CLAIMS('c'),
    /** A replay line whose type could not be read: it belongs to no stream. */
    UNROUTED('u');

    private final char code;

    SourceStream(char code) {
        this.code = code;
    }

    /** One letter used in event ids. */
    public char code() {
        return code;
    }
}
