package id.pahlawanpangan.access;

import java.util.Locale;

/** Who connects to NATS, each with the least it needs (docs/SECURITY.md). */
public enum Role {
    /** An operator's tools: creates the streams, reads dead letters. Not the job. */
    ADMIN,
    /** The matching job: reads the input streams, publishes decisions. */
    JOB,
    /** A restaurant's, hotel's or market's app: posts and cancels its own offers. */
    PROVIDER,
    /** An NGO's or food bank's app: its availability and claims, its own decisions. */
    NGO,
    /** A human dispatcher's console: reads escalations, expiries and missed pickups. */
    DISPATCHER,
    /**
     * The HTTP gateway (bin/pangan-gateway): publishes input for every provider and NGO, each on
     * its own subject, having bound each HTTP client to its id itself; reads decisions and NGO
     * snapshots for the event streams it serves. Trusted as much as its keys file.
     */
    GATEWAY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no role '" + name + "' (admin, job, provider, ngo, dispatcher, gateway)");
    }

    /** Whether a member of this role is one organisation named by an id of the contract. */
    public boolean isPublisher() {
        return this == PROVIDER || this == NGO;
    }
}
