package id.pahlawanpangan.access;

import id.pahlawanpangan.live.Subjects;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code authorization} block of nats-server's configuration for a list of members: NKey
 * users, each with its permissions. It holds public keys only, no secret, so it can live in a
 * ConfigMap; nobody connects without a key listed here.
 */
public final class NatsAuthConfig {
    private NatsAuthConfig() {}

    public static String render(List<Member> members, Subjects subjects) {
        StringBuilder out = new StringBuilder();
        out.append("# Written by `pangan access` for namespace ").append(subjects.namespace()).append(": do not edit by hand.\n");
        out.append("# Each user is an NKey (its seed stays with its app) bound to its own subjects (docs/SECURITY.md).\n");
        out.append("authorization {\n  users = [\n");
        for (Member m : members) {
            NatsPermissions p = NatsPermissions.of(m, subjects);
            out.append("    # ").append(m.role.wireName()).append(' ').append(m.id).append('\n');
            out.append("    { nkey: ").append(m.publicKey).append(", permissions: {\n");
            out.append("        publish: ").append(rule(p.publish)).append(",\n");
            out.append("        subscribe: ").append(rule(p.subscribe)).append("\n");
            out.append("    } }\n");
        }
        out.append("  ]\n}\n");
        return out.toString();
    }

    private static String rule(List<String> allowed) {
        if (allowed.isEmpty()) {
            return "{ deny: [\">\"] }";
        }
        return "{ allow: [" + allowed.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")) + "] }";
    }
}
