package id.pahlawanpangan.gateway;

/**
 * A request the gateway refuses, with the HTTP status and a machine-readable reason: for input
 * the contract's own reason ({@code out_of_range:lat}, {@code missing_field:expires_at}), so that
 * an app sees over HTTP what the job would have written to the dead-letter path.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;

    public ApiError(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    static ApiError badRequest(String reason, String message) {
        return new ApiError(400, reason, message);
    }

    static ApiError unauthenticated() {
        return new ApiError(401, "unauthenticated", "send 'Authorization: Bearer <key>' with a key the gateway knows");
    }

    static ApiError identityMismatch(Client client, String field, String value) {
        return new ApiError(403, "identity_mismatch", "this key speaks for " + client + ", not for " + field + " " + value);
    }

    static ApiError forbidden(Client client, String what) {
        return new ApiError(403, "forbidden", "a " + client.role().wireName() + "'s key may not " + what);
    }
}
