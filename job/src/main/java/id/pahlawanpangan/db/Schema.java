package id.pahlawanpangan.db;

import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The PostGIS schema of {@code db/migrations}, applied with Flyway, and its upkeep: monthly
 * partitions of {@code match_events} created ahead, old ones detached.
 */
public final class Schema {
    private final PostgisConnection connection;

    public Schema(PostgisConnection connection) {
        this.connection = connection;
    }

    /** Applies every pending migration, or those up to {@code targetVersion} when it is not null. */
    public MigrateResult migrate(String targetVersion) {
        var config = Flyway.configure()
                .dataSource(connection.dataSource())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
        if (targetVersion != null) {
            config.target(targetVersion);
        }
        return config.load().migrate();
    }

    /** The version the schema is at after the migration (Flyway names none when nothing was pending). */
    public static String versionAfter(MigrateResult result) {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }

    /** Creates the partitions of the current and next {@code monthsAhead} months; returns their names. */
    public List<String> ensurePartitions(int monthsAhead) throws SQLException {
        return strings("select pangan_ensure_partitions(" + monthsAhead + ")");
    }

    /** Detaches partitions that ended more than {@code keepMonths} months ago; returns their names. */
    public List<String> detachPartitionsOlderThan(int keepMonths) throws SQLException {
        return strings("select pangan_detach_partitions(" + keepMonths + ")");
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
