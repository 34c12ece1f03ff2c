package id.pahlawanpangan.db;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrations of db/migrations on the real PostgreSQL + PostGIS, and partition upkeep. */
class SchemaITCase {
    private static final List<String> DASHBOARD_VIEWS = List.of(
            "offers", "offer_places", "dashboard_outcomes_daily", "dashboard_escalations_daily", "dashboard_time_to_claim",
            "dashboard_kg_rescued_hourly", "dashboard_top_ngos", "dashboard_rejections_daily");
    /** Views of later versions: impact (6) and the map (7). */
    private static final List<String> LATER_VIEWS = List.of(
            "offer_impact", "dashboard_impact_daily", "dashboard_impact_hourly", "dashboard_map_offers", "dashboard_map_ngos");

    private PostgresDatabase db;
    private Schema schema;

    @BeforeEach
    void emptyDatabase() throws Exception {
        db = PostgresDatabase.create("pangan_schema_it");
        schema = new Schema(db.connection());
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    @Test
    void theMigrationsApplyToAnEmptyDatabaseAndEveryViewRuns() throws Exception {
        List<String> files = migrationFiles();
        String latest = files.get(files.size() - 1).replaceAll("^V(\\d+)__.*", "$1");
        var result = schema.migrate(null);
        assertThat(result.migrationsExecuted).isEqualTo(files.size());
        assertThat(Schema.versionAfter(result)).isEqualTo(latest);
        for (String view : DASHBOARD_VIEWS) {
            assertThat(db.count("select count(*) from " + view)).as(view).isZero();
        }
        for (String view : LATER_VIEWS) {
            assertThat(db.count("select count(*) from " + view)).as(view).isZero();
        }
        assertThat(db.count("select count(*) from cities")).isEqualTo(25);
        var again = schema.migrate(null);
        assertThat(again.migrationsExecuted).as("a second run has nothing to do").isZero();
        assertThat(Schema.versionAfter(again)).as("and still names the version").isEqualTo(latest);
    }

    /** db/migrations, in version order. */
    private static List<String> migrationFiles() throws Exception {
        try (var files = Files.list(Path.of("..", "db", "migrations"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))).toList();
        }
    }

    @Test
    void theMigrationsApplyToThePreviousVersionWithItsData() throws Exception {
        schema.migrate("1");
        db.execute("insert into match_events (event_id, type, offer_id, at, quantity_kg, category, location, event) values"
                + " ('o1/o1/0', 'offer.proposed', 'o1', '2026-11-25T09:00:00Z', 10, 'bakery', 'SRID=4326;POINT(106.85 -6.2)'::geography, '{}'),"
                + " ('o1/c1/0', 'offer.claimed', 'o1', '2026-11-25T09:05:00Z', 10, 'bakery', 'SRID=4326;POINT(106.85 -6.2)'::geography, '{}')");
        var result = schema.migrate("2");
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(db.strings("select status || ' ' || city from offer_places")).containsExactly("CLAIMED jakarta");
        for (String view : DASHBOARD_VIEWS) {
            db.count("select count(*) from " + view);
        }
    }

    @Test
    void theImpactOfPickupsWrittenBeforeVersion6IsCountedToo() throws Exception {
        schema.migrate("5");
        db.execute("insert into match_events (event_id, type, offer_id, ngo_id, at, picked_kg, quantity_kg, category, location, event) values"
                + " ('o1/d/0', 'offer.completed', 'o1', 'n1', '2026-11-25T09:00:00Z', 5, 10, 'dairy', 'SRID=4326;POINT(106.85 -6.2)'::geography,"
                + " '{\"type\":\"offer.completed\",\"portions\":30}')");
        assertThat(schema.migrate(null).migrationsExecuted).isEqualTo(2);
        assertThat(db.strings("select meals || ' ' || co2e_kg from offer_impact")).containsExactly("15 15.75");
        assertThat(db.strings("select city || ' ' || meals from dashboard_impact_daily")).containsExactly("jakarta 15");
    }

    @Test
    void version3KeepsADeadLettersPayloadOnlyInRejectedInput() throws Exception {
        schema.migrate("2");
        db.execute("insert into match_events (event_id, type, at, reason, event) values ('-/o1/0', 'input.rejected',"
                + " '2026-11-25T09:00:00Z', 'malformed_json', '{\"type\":\"input.rejected\",\"reason\":\"malformed_json\",\"payload\":\"{x\"}')");
        db.execute("insert into rejected_input (event_id, reason, payload, received_at) values ('-/o1/0', 'malformed_json', '{x', '2026-11-25T09:00:00Z')");
        assertThat(schema.migrate("3").migrationsExecuted).isEqualTo(1);
        assertThat(db.strings("select event::text from match_events")).containsExactly("{\"type\": \"input.rejected\", \"reason\": \"malformed_json\"}");
        assertThat(db.strings("select payload || ' ' || coalesce(payload_base64, '-') || ' ' || payload_truncated from rejected_input"))
                .containsExactly("{x - false");
    }

    @Test
    void nextMonthsPartitionsAreCreatedAndOldOnesDetached() throws Exception {
        schema.migrate(null);
        // a row of a month without a partition waits in the default partition...
        db.execute("insert into match_events (event_id, type, at, event) values ('x', 'input.rejected', '2031-05-10T00:00:00Z', '{}')");
        assertThat(db.count("select count(*) from match_events_default")).isEqualTo(1);
        // ...and moves into its month's partition when that is created
        assertThat(db.strings("select pangan_ensure_partitions(1, '2031-05-02T00:00:00Z')"))
                .containsExactly("match_events_y2031m05", "match_events_y2031m06");
        assertThat(db.count("select count(*) from match_events_default")).isZero();
        assertThat(db.count("select count(*) from match_events_y2031m05")).isEqualTo(1);
        assertThat(db.count("select count(*) from match_events where event_id = 'x'")).isEqualTo(1);

        List<String> detached = db.strings("select pangan_detach_partitions(2, '2031-09-15T00:00:00Z')");
        assertThat(detached).contains("match_events_y2031m05", "match_events_y2031m06").doesNotContain("match_events_default");
        assertThat(db.count("select count(*) from match_events where event_id = 'x'")).as("detached: no longer in the table").isZero();
        assertThat(db.count("select count(*) from match_events_y2031m05")).as("but kept for archiving").isEqualTo(1);
        assertThat(schema.ensurePartitions(2)).hasSize(3);
    }
}
