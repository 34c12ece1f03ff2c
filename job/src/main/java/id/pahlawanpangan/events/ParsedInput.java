package id.pahlawanpangan.events;

/**
 * The outcome of parsing one {@link RawInput}: a valid event, or the reason it is not one, with
 * what could still be read from it (its time and offer) for the rejection.
 */
public final class ParsedInput {
    private final InputEvent event;
    private final String reason;
    private final long at;
    private final String offerId;

    private ParsedInput(InputEvent event, String reason, long at, String offerId) {
        this.event = event;
        this.reason = reason;
        this.at = at;
        this.offerId = offerId;
    }

    static ParsedInput valid(InputEvent event) {
        return new ParsedInput(event, null, event.eventTime, event.offerId);
    }

    static ParsedInput rejected(String reason, long at, String offerId) {
        return new ParsedInput(null, reason, at, offerId);
    }

    public boolean isValid() {
        return event != null;
    }

    public InputEvent event() {
        return event;
    }

    public String reason() {
        return reason;
    }

    /** The event time if the payload had a readable one, else when it was received. */
    public long at() {
        return at;
    }

    /** The offer the payload names, if it names one validly; else null. */
    public String offerId() {
        return offerId;
    }
}
