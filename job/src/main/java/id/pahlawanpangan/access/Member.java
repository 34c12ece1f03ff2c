package id.pahlawanpangan.access;

import java.util.Objects;
import java.util.regex.Pattern;

/** One NATS user: its role, its id (a provider's or NGO's id of the contract) and its NKey public key. */
public final class Member {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern USER_PUBLIC_KEY = Pattern.compile("U[A-Z2-7]{55}");

    public final Role role;
    public final String id;
    public final String publicKey;

    public Member(Role role, String id, String publicKey) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an id matches [A-Za-z0-9._:-]{1,64} (contract, section 1), was '" + id + "'");
        }
        if (!USER_PUBLIC_KEY.matcher(publicKey).matches()) {
            throw new IllegalArgumentException("not a NATS user NKey public key (U followed by 55 base32 characters): '" + publicKey + "'");
        }
        this.role = Objects.requireNonNull(role);
        this.id = id;
        this.publicKey = publicKey;
    }

    @Override
    public String toString() {
        return role.wireName() + " " + id;
    }
}
