package id.pahlawanpangan.db;

import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The PostGIS schema of {@code db/migrations}, applied with Flyway, and its upkeep: monthly
 * partitions of {@code match_events} created ahead, old ones detached, old dead letters deleted.
 * Migrations and upkeep run as the owner ({@code pangan_owner}, or a superuser); the job only
 * {@linkplain #preparePartitions() asks for} the coming months' partitions.
 */
public final class Schema {
    private final PostgisConnection connection;

    public Schema(PostgisConnection connection) {
        this.connection = connection;
    }

    /** Applies every pending migration, or those up to {@code targetVersion} when it is not null. */
    public MigrateResult migrate(String targetVersion) throws SQLException {
        var config = Flyway.configure()
                .dataSource(connection.dataSource())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
        if (targetVersion != null) {
            config.target(targetVersion);
        }
        MigrateResult result = config.load().migrate();
        handHistoryToOwner();
        return result;
    }

    /**
     * Flyway's history table to pangan_owner (from version 4 on), so that a login of the owner's
     * role, not only a superuser, can run later migrations. Done here rather than in a migration:
     * Flyway keeps the table locked while a migration runs.
     */
    private void handHistoryToOwner() throws SQLException {
        try (Connection c = connection.open(); Statement s = c.createStatement()) {
            s.execute("do $$ begin"
                    + " if to_regrole('pangan_owner') is not null and to_regclass('flyway_schema_history') is not null"
                    + " and (select relowner <> 'pangan_owner'::regrole from pg_class where oid = 'flyway_schema_history'::regclass) then"
                    + " alter table flyway_schema_history owner to pangan_owner;"
                    + " end if; end $$");
        }
    }

    /** The version the schema is at after the migration (Flyway names none when nothing was pending). */
    public static String versionAfter(MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    /**
     * What the job does when it starts, as the job's login: the partitions of this and the next
     * three months, made by the owner's {@code pangan_prepare_partitions()} (the job itself cannot
     * create tables). Returns their names.
     */
    public List<String> preparePartitions() throws SQLException {
        return strings("select pangan_prepare_partitions()");
    }

    /** Whether this connection's user is a superuser (the job refuses to run as one). */
    public boolean connectsAsSuperuser() throws SQLException {
        return strings("select rolsuper::text from pg_roles where rolname = current_user").equals(List.of("true"));
    }

    /** As the owner: creates the partitions of the current and next {@code monthsAhead} months; returns their names. */
    public List<String> ensurePartitions(int monthsAhead) throws SQLException {
        return strings("select pangan_ensure_partitions(" + monthsAhead + ")");
    }

    /** Detaches partitions that ended more than {@code keepMonths} months ago; returns their names. */
    public List<String> detachPartitionsOlderThan(int keepMonths) throws SQLException {
        return strings("select pangan_detach_partitions(" + keepMonths + ")");
    }

    /**
     * As the owner: deletes the dead letters (rows of {@code rejected_input}) received more than
     * {@code retention} ago, by the database's clock; returns how many. Their {@code input.rejected}
     * rows in match_events (without the payload) stay until their partition is detached.
     */
    public long deleteDeadLettersOlderThan(Duration retention) throws SQLException {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("a dead-letter retention must be positive, got " + retention);
        }
        try (Connection c = connection.open();
             PreparedStatement s = c.prepareStatement("delete from rejected_input where received_at < now() - make_interval(secs => ?)")) {
            s.setDouble(1, retention.toMillis() / 1000.0);
            return s.executeUpdate();
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connection.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
