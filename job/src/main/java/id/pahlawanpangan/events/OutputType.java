package id.pahlawanpangan.events;

/** The output event types of the contract (section 5). */
public enum OutputType {
    OFFER_PROPOSED("offer.proposed"),
    OFFER_CLAIMED("offer.claimed"),
    OFFER_DECLINED("offer.declined"),
    OFFER_HOLD_EXPIRED("offer.hold_expired"),
    OFFER_ESCALATED("offer.escalated"),
    OFFER_EXPIRED("offer.expired"),
    OFFER_PICKUP_MISSED("offer.pickup_missed"),
    OFFER_COMPLETED("offer.completed"),
    OFFER_CANCELLED("offer.cancelled"),
    CLAIM_REJECTED("claim.rejected"),
    INPUT_REJECTED("input.rejected");

    private final String wireName;

    OutputType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OutputType fromWire(String name) {
        for (OutputType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown output type " + name);
    }
}
