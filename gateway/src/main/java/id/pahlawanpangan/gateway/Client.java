package id.pahlawanpangan.gateway;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An authenticated caller, bound to one provider, NGO or dispatcher id: the identity every request
 * of its key speaks for, as a NATS user is bound to its own subjects.
 */
public final class Client {
    /** The contract's id syntax (section 1). */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ClientRole role;
    private final String id;

    public Client(ClientRole role, String id) {
        this.role = Objects.requireNonNull(role, "role");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a client id is 1 to 64 of A-Z a-z 0-9 . _ : -, was '" + id + "'");
        }
        this.id = id;
    }

    public ClientRole role() {
        return role;
    }

    public String id() {
        return id;
    }

    public boolean is(ClientRole r, String otherId) {
        return role == r && id.equals(otherId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Client && ((Client) o).role == role && ((Client) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return role.hashCode() * 31 + id.hashCode();
    }

    @Override
    public String toString() {
        return role.wireName() + " " + id;
    }
}
