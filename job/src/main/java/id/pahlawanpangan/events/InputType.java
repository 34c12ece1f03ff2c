package id.pahlawanpangan.events;

/**
 * The input event types. The declaration order is the contract's order for inputs at equal
 * event time (section 2, rule 2): availability first, postings last.
 */
public enum InputType {
    NGO_AVAILABILITY("ngo.availability", SourceStream.NGOS),
    OFFER_CANCELLED("offer.cancelled", SourceStream.OFFERS),
    CLAIM_DECLINED("claim.declined", SourceStream.CLAIMS),
    CLAIM_ACCEPTED("claim.accepted", SourceStream.CLAIMS),
    PICKUP_COMPLETED("pickup.completed", SourceStream.CLAIMS),
    OFFER_POSTED("offer.posted", SourceStream.OFFERS);

    private final String wireName;
    private final SourceStream stream;

    InputType(String wireName, SourceStream stream) {
        this.wireName = wireName;
        this.stream = stream;
    }

    public String wireName() {
        return wireName;
    }

    /** The stream this type is published on. */
    public SourceStream stream() {
        return stream;
    }

    /** Position among inputs at equal event time: lower is applied first. */
    public int priority() {
        return ordinal();
    }

    /** The type with this wire name, or null when the contract has none. */
    public static InputType fromWire(String name) {
        for (InputType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether the event belongs to one offer (everything but NGO availability). */
    public boolean concernsOffer() {
        return this != NGO_AVAILABILITY;
    }
}
