package id.pahlawanpangan.events;

/**
 * The input event types. The declaration order is the contract's order for inputs at equal
 * event time (section 2, rule 2): availability first, postings last. The last one is not an
 * input of the contract but the job's own.
 */
public enum InputType {
    NGO_AVAILABILITY("ngo.availability", SourceStream.NGOS),
    OFFER_CANCELLED("offer.cancelled", SourceStream.OFFERS),
    CLAIM_DECLINED("claim.declined", SourceStream.CLAIMS),
    CLAIM_ACCEPTED("claim.accepted", SourceStream.CLAIMS),
    PICKUP_COMPLETED("pickup.completed", SourceStream.CLAIMS),
    OFFER_POSTED("offer.posted", SourceStream.OFFERS),
    /**
     * A live source's report that it has read everything its stream held when it started: the
     * stream is quiet, not late, so it need not hold event time back for the start-up period.
     * Made by the source, never parsed from input, dropped before any matching step.
     */
    SOURCE_CAUGHT_UP("pangan.source-caught-up", null);

    private final String wireName;
    private final SourceStream stream;

    InputType(String wireName, SourceStream stream) {
        this.wireName = wireName;
        this.stream = stream;
    }

    public String wireName() {
        return wireName;
    }

    /** The stream this type is published on (null for the job's own {@link #SOURCE_CAUGHT_UP}). */
    public SourceStream stream() {
        return stream;
    }

    /** Position among inputs at equal event time: lower is applied first. */
    public int priority() {
        return ordinal();
    }

    /** Whether the contract defines this input (publishers may send it). */
    public boolean isContractInput() {
        return stream != null;
    }

    /** The contract's input type with this wire name, or null when the contract has none. */
    public static InputType fromWire(String name) {
        for (InputType t : values()) {
            if (t.isContractInput() && t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether the event belongs to one offer (every contract input but NGO availability). */
    public boolean concernsOffer() {
        return isContractInput() && this != NGO_AVAILABILITY;
    }
}
