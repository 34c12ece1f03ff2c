package id.pahlawanpangan.events;

/** Why an input payload is not a valid event; the message is the rejection reason. */
public final class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String reason) {
        // no stack trace: bad input is expected traffic, not a bug
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
