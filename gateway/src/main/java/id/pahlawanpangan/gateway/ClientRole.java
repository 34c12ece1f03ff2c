package id.pahlawanpangan.gateway;

import java.util.Locale;

/** What a gateway client is: the same three actors as the NATS users (docs/SECURITY.md). */
public enum ClientRole {
    /** A restaurant, hotel or market: posts and cancels its own offers. */
    PROVIDER,
    /** A food bank or charity: says where it is and what it takes, claims, declines and picks up. */
    NGO,
    /** A human dispatcher: watches escalations and the map; publishes nothing. */
    DISPATCHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named in a keys file or on the command line, or an error naming the three. */
    public static ClientRole fromWire(String name) {
        for (ClientRole r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("a gateway client's role is provider, ngo or dispatcher, was '" + name + "'");
    }
}
