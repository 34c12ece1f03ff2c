package id.pahlawanpangan.db;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * The group roles of db/migrations/V4 and the logins that are their members. Operators make
 * logins here ({@code bin/pangan db --grant-login USER --role job}) instead of writing SQL by hand.
 */
public final class Roles {
    /** A group role; none of them can log in itself. */
    public enum Role {
        /** Owns the schema: migrations and partition maintenance. */
        OWNER("pangan_owner"),
        /** What the job's sinks need. */
        JOB("pangan_job"),
        /** SELECT on the dashboard views. */
        DASHBOARD("pangan_dashboard");

        public final String roleName;

        Role(String roleName) {
            this.roleName = roleName;
        }

        /** {@code job}, {@code dashboard} or {@code owner}. */
        public static Role named(String name) {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        }
    }

    private final PostgisConnection admin;

    /** As a user that may create roles and grant the group roles (a superuser, or CREATEROLE). */
    public Roles(PostgisConnection admin) {
        this.admin = admin;
    }

    /**
     * Makes {@code user} a login that is a member of {@code role}: creates it if missing, else lets
     * it log in and adds the membership; sets its password when one is given (hashed by the driver,
     * so it never travels or lands in a log as text). Refuses a superuser, a group role, and a user
     * that is already a member of another of the group roles. Returns what it did.
     */
    public List<String> grantLogin(String user, Role role, Secret password) throws SQLException {
        List<String> done = new ArrayList<>();
        for (Role r : Role.values()) {
            if (r.roleName.equals(user)) {
                throw new IllegalArgumentException(user + " is a group role; a login is a user of its own that is a member of it");
            }
        }
        try (Connection c = admin.open()) {
            if (!exists(c, role.roleName)) {
                throw new IllegalStateException("the role " + role.roleName + " does not exist: migrate first (bin/pangan db)");
            }
            Boolean superuser = superuser(c, user);
            if (Boolean.TRUE.equals(superuser)) {
                throw new IllegalArgumentException(user + " is a superuser: a pangan login must not be one");
            }
            for (Role other : Role.values()) {
                if (other != role && superuser != null && memberOf(c, user, other.roleName)) {
                    throw new IllegalArgumentException(user + " is already a member of " + other.roleName
                            + "; a login has one pangan role (revoke it first)");
                }
            }
            try (Statement s = c.createStatement()) {
                if (superuser == null) {
                    try {
                        s.execute(String.format("create role %s login", quoted(c, user)));
                        done.add("created the login " + user);
                    } catch (SQLException e) {
                        if (!"42710".equals(e.getSQLState())) { // duplicate_object: created meanwhile
                            throw e;
                        }
                    }
                } else {
                    s.execute(String.format("alter role %s login", quoted(c, user)));
                }
                if (!memberOf(c, user, role.roleName)) {
                    s.execute(String.format("grant %s to %s", role.roleName, quoted(c, user)));
                    done.add(user + " is now a member of " + role.roleName);
                } else {
                    done.add(user + " is a member of " + role.roleName);
                }
            }
            String secret = password.reveal();
            if (secret != null && !secret.isEmpty()) {
                c.unwrap(PGConnection.class).alterUserPassword(user, secret.toCharArray(), null);
                done.add("password of " + user + " set from the " + password);
            }
        }
        return done;
    }

    /** Whether {@code user} may log in and is a member of {@code role}, directly or not. */
    public boolean canLogInAs(String user, Role role) throws SQLException {
        try (Connection c = admin.open()) {
            return exists(c, user) && memberOf(c, user, role.roleName)
                    && strings(c, "select rolcanlogin::text from pg_roles where rolname = ?", user).equals(List.of("true"));
        }
    }

    private static boolean exists(Connection c, String role) throws SQLException {
        return !strings(c, "select 1 from pg_roles where rolname = ?", role).isEmpty();
    }

    /** Whether the user is a superuser; null when there is no such user. */
    private static Boolean superuser(Connection c, String user) throws SQLException {
        List<String> found = strings(c, "select rolsuper::text from pg_roles where rolname = ?", user);
        return found.isEmpty() ? null : Boolean.valueOf(found.get(0));
    }

    private static boolean memberOf(Connection c, String user, String role) throws SQLException {
        return strings(c, "select pg_has_role(?, ?, 'member')::text", user, role).equals(List.of("true"));
    }

    private static String quoted(Connection c, String identifier) throws SQLException {
        return strings(c, "select quote_ident(?)", identifier).get(0);
    }

    private static List<String> strings(Connection c, String sql, String... parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
