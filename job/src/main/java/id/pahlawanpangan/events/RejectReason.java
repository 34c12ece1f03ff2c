package id.pahlawanpangan.events;

/**
 * The reasons carried by {@code input.rejected} and {@code claim.rejected}. Field-specific
 * reasons name the field after a colon: {@code missing_field:lat}, {@code out_of_range:lat}.
 */
public final class RejectReason {
    // the payload as a whole
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String INVALID_UTF8 = "invalid_utf8";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNKNOWN_TYPE = "unknown_type";
    // one field
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_TYPE = "invalid_type";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String INVALID_ID = "invalid_id";
    public static final String INVALID_TIME = "invalid_time";
    public static final String UNKNOWN_CATEGORY = "unknown_category";
    // between fields
    public static final String EXPIRES_BEFORE_READY = "expires_before_ready";
    public static final String EXPIRES_BEFORE_EVENT_TIME = "expires_before_event_time";
    // against the receive time
    public static final String EVENT_TIME_IN_FUTURE = "event_time_in_future";
    // who may say what
    public static final String IDENTITY_MISMATCH = "identity_mismatch";
    // against the job's state
    public static final String DUPLICATE_OFFER_ID = "duplicate_offer_id";
    public static final String NOT_PROVIDER = "not_provider";
    public static final String UNKNOWN_OFFER = "unknown_offer";
    public static final String OFFER_CLOSED = "offer_closed";
    public static final String NOT_HOLDER = "not_holder";
    public static final String NOT_CLAIMER = "not_claimer";

    private RejectReason() {}

    public static String forField(String kind, String field) {
        return kind + ":" + field;
    }
}
