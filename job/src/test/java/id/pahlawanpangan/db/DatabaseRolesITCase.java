package id.pahlawanpangan.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.live.MatchEventRows;
import id.pahlawanpangan.testing.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The roles of db/migrations/V4 on the real PostgreSQL: the job's login does what the sinks need
 * and cannot destroy or change anything; the dashboard's login reads the dashboards and writes
 * nothing; the owner owns everything.
 */
class DatabaseRolesITCase {
    private static final String JOB_USER = "pangan_it_job";
    private static final String DASHBOARD_USER = "pangan_it_dashboard";
    /** The tables, each with a column of its own. */
    private static final Map<String, String> TABLES = Map.of("match_events", "reason", "rejected_input", "reason",
            "ngo_availability", "radius_km", "cities", "utc_offset_hours");
    /** Tables of factors the dashboards read (to show where a figure comes from) and only the owner changes. */
    private static final Map<String, String> FACTOR_TABLES = Map.of("impact_meal_size", "kg_per_meal", "impact_co2e", "kg_co2e_per_kg");
    private static final List<String> DASHBOARD_VIEWS = List.of(
            "offers", "offer_places", "dashboard_outcomes_daily", "dashboard_escalations_daily", "dashboard_time_to_claim",
            "dashboard_kg_rescued_hourly", "dashboard_top_ngos", "dashboard_rejections_daily",
            "offer_impact", "dashboard_impact_daily", "dashboard_impact_hourly", "impact_meal_size", "impact_co2e",
            "dashboard_map_offers", "dashboard_map_ngos");
    /** PostgreSQL's insufficient_privilege, which "must be owner of ..." also raises. */
    private static final String DENIED = "42501";

    private PostgresDatabase db;
    private PostgisConnection job;
    private PostgisConnection dashboard;

    @BeforeEach
    void migratedDatabaseWithLogins() throws Exception {
        db = PostgresDatabase.create("pangan_roles_it");
        new Schema(db.connection()).migrate(null);
        Roles roles = new Roles(db.connection());
        roles.grantLogin(JOB_USER, Roles.Role.JOB, Secret.none());
        roles.grantLogin(DASHBOARD_USER, Roles.Role.DASHBOARD, Secret.none());
        job = db.connection().withUser(JOB_USER, Secret.none());
        dashboard = db.connection().withUser(DASHBOARD_USER, Secret.none());
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    @Test
    void theJobsLoginRunsEverySinksStatementTwiceAndPreparesPartitions() throws Exception {
        Schema asJob = new Schema(job);
        assertThat(asJob.connectsAsSuperuser()).isFalse();
        assertThat(asJob.preparePartitions()).as("this month and the next three, made by the owner").hasSize(4);
        MatchEvent proposed = MatchEventJson.read("{\"event_id\":\"o1/o1/0\",\"type\":\"offer.proposed\",\"offer_id\":\"o1\","
                + "\"ngo_id\":\"n1\",\"at\":\"2026-11-25T09:00:00Z\",\"attempt\":1,\"tier\":1,\"distance_km\":2.0,"
                + "\"hold_until\":\"2026-11-25T09:10:00Z\",\"lat\":-6.2,\"lon\":106.85,\"quantity_kg\":10,\"category\":\"bakery\"}");
        MatchEvent rejected = MatchEventJson.read("{\"event_id\":\"-/o2/0\",\"type\":\"input.rejected\",\"at\":\"2026-11-25T09:01:00Z\","
                + "\"reason\":\"malformed_json\",\"payload\":\"{x\"}");
        var ngo = new Fixtures().ngo("n1").availableAt(Fixtures.T0);
        var newer = new Fixtures().ngo("n1").capacity(50).availableAt(Fixtures.T0 + Fixtures.MINUTE);
        try (Connection c = job.open()) {
            for (int replay = 0; replay < 2; replay++) { // a replay after a failover repeats them
                run(c, MatchEventRows.INSERT_MATCH_EVENT, s -> MatchEventRows.MATCH_EVENT.accept(s, proposed));
                run(c, MatchEventRows.INSERT_MATCH_EVENT, s -> MatchEventRows.MATCH_EVENT.accept(s, rejected));
                run(c, MatchEventRows.INSERT_REJECTED_INPUT, s -> MatchEventRows.REJECTED_INPUT.accept(s, rejected));
                run(c, MatchEventRows.UPSERT_NGO_AVAILABILITY, s -> MatchEventRows.NGO_AVAILABILITY.accept(s, ngo));
                run(c, MatchEventRows.UPSERT_NGO_AVAILABILITY, s -> MatchEventRows.NGO_AVAILABILITY.accept(s, newer));
            }
        }
        assertThat(db.count("select count(*) from match_events")).isEqualTo(2);
        assertThat(db.strings("select payload from rejected_input")).containsExactly("{x");
        assertThat(db.strings("select capacity_kg::text from ngo_availability")).as("the newer snapshot").containsExactly("50");
        assertThat(db.strings("select status from offers")).containsExactly("HELD");
    }

    @Test
    void theJobsLoginWritesItsRowsButCannotDropAlterTruncateDeleteOrCreate() throws Exception {
        String partition = new Schema(job).preparePartitions().get(0);
        MatchEvent rejected = MatchEventJson.read("{\"event_id\":\"-/x/0\",\"type\":\"input.rejected\",\"at\":\""
                + Times.format(System.currentTimeMillis()) + "\",\"reason\":\"malformed_json\",\"payload\":\"{x\"}");
        try (Connection c = job.open()) {
            run(c, MatchEventRows.INSERT_MATCH_EVENT, s -> MatchEventRows.MATCH_EVENT.accept(s, rejected));
            run(c, MatchEventRows.INSERT_REJECTED_INPUT, s -> MatchEventRows.REJECTED_INPUT.accept(s, rejected));
        }
        assertThat(db.count("select count(*) from " + partition)).as("this month's row in this month's partition").isEqualTo(1);
        for (var t : TABLES.entrySet()) {
            assertDenied(job, "drop table " + t.getKey());
            assertDenied(job, "alter table " + t.getKey() + " add column sneaky text");
            assertDenied(job, "alter table " + t.getKey() + " alter column " + t.getValue() + " drop not null");
            assertDenied(job, "alter table " + t.getKey() + " owner to " + JOB_USER);
            assertDenied(job, "truncate " + t.getKey());
            assertDenied(job, "delete from " + t.getKey());
            assertDenied(job, "create index sneaky on " + t.getKey() + " (" + t.getValue() + ")");
        }
        for (var t : FACTOR_TABLES.entrySet()) {
            assertDenied(job, "update " + t.getKey() + " set " + t.getValue() + " = 0");
            assertDenied(job, "delete from " + t.getKey());
            assertDenied(job, "drop table " + t.getKey());
        }
        assertDenied(job, "update match_events set reason = 'changed'");
        assertDenied(job, "update rejected_input set payload = 'changed'");
        assertDenied(job, "delete from " + partition);
        assertDenied(job, "drop table " + partition);
        assertDenied(job, "insert into " + partition + " (event_id, type, at, event) values ('y', 'input.rejected', now(), '{}')");
        assertDenied(job, "alter table match_events detach partition " + partition);
        assertDenied(job, "create table sneaky (x int)");
        assertDenied(job, "create temporary table sneaky (x int)");
        assertDenied(job, "create view sneaky as select 1");
        assertDenied(job, "create function sneaky() returns int language sql as 'select 1'");
        assertDenied(job, "select pangan_ensure_partitions(600, now())");
        assertDenied(job, "select pangan_detach_partitions(0)");
        assertDenied(job, "select pangan_ensure_month_partition(now())");
        assertDenied(job, "select payload from rejected_input");
        assertDenied(job, "select event from match_events");
        assertDenied(job, "select * from offers");
        assertDenied(job, "drop function pangan_prepare_partitions()");
        assertDenied(job, "create or replace function pangan_prepare_partitions() returns setof text language sql as 'select null::text'");
        assertThat(db.count("select count(*) from match_events")).as("nothing was lost").isEqualTo(1);
        assertThat(db.count("select count(*) from rejected_input")).isEqualTo(1);
    }

    @Test
    void theDashboardsLoginReadsEveryDashboardAndWritesNothing() throws Exception {
        db.execute("insert into match_events (event_id, type, offer_id, at, quantity_kg, category, location, event) values"
                + " ('o1/o1/0', 'offer.proposed', 'o1', '2026-11-25T09:00:00Z', 10, 'bakery', 'SRID=4326;POINT(106.85 -6.2)'::geography, '{}')");
        try (Connection c = dashboard.open(); Statement s = c.createStatement()) {
            for (String view : DASHBOARD_VIEWS) {
                s.executeQuery("select * from " + view).close();
            }
        }
        assertThat(strings(dashboard, "select city || ' ' || status from offer_places")).containsExactly("jakarta HELD");
        for (var t : TABLES.entrySet()) {
            assertDenied(dashboard, "select * from " + t.getKey());
            assertDenied(dashboard, "insert into " + t.getKey() + " default values");
            assertDenied(dashboard, "update " + t.getKey() + " set " + t.getValue() + " = " + t.getValue());
            assertDenied(dashboard, "delete from " + t.getKey());
            assertDenied(dashboard, "truncate " + t.getKey());
            assertDenied(dashboard, "drop table " + t.getKey());
        }
        for (var t : FACTOR_TABLES.entrySet()) {
            assertDenied(dashboard, "update " + t.getKey() + " set " + t.getValue() + " = 0");
            assertDenied(dashboard, "delete from " + t.getKey());
            assertDenied(dashboard, "drop table " + t.getKey());
        }
        assertDenied(dashboard, "drop view offers");
        assertDenied(dashboard, "drop view offer_impact");
        assertDenied(dashboard, "create table sneaky (x int)");
        assertDenied(dashboard, "select pangan_prepare_partitions()");
        assertThat(db.count("select count(*) from match_events")).isEqualTo(1);
    }

    @Test
    void theOwnerOwnsEveryTableViewPartitionAndFunctionAndNobodyElseMayRunItsFunctions() throws Exception {
        new Schema(db.connection()).ensurePartitions(1);
        assertThat(db.strings("select c.relname || ' ' || c.relowner::regrole from pg_class c where c.relnamespace = 'public'::regnamespace"
                + " and c.relkind in ('r', 'p', 'v', 'm', 'S') and c.relowner <> 'pangan_owner'::regrole"
                + " and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')"))
                .as("relations of the schema not owned by pangan_owner (PostGIS's own excepted)").isEmpty();
        assertThat(db.count("select count(*) from pg_class where relname like 'match_events_y%' and relowner = 'pangan_owner'::regrole"))
                .as("partitions made by maintenance").isGreaterThanOrEqualTo(2);
        assertThat(db.strings("select p.oid::regprocedure || ' ' || p.proowner::regrole from pg_proc p"
                + " where p.pronamespace = 'public'::regnamespace and p.proname like 'pangan\\_%' and p.proowner <> 'pangan_owner'::regrole"))
                .as("functions not owned by pangan_owner").isEmpty();
        assertThat(db.strings("select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'public'::regnamespace"
                + " and p.proname like 'pangan\\_%' and has_function_privilege('public', p.oid, 'execute')"))
                .as("pangan functions anyone may run").isEmpty();
        assertThat(db.strings("select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'public'::regnamespace"
                + " and p.prosecdef and has_function_privilege('pangan_job', p.oid, 'execute')"
                + " and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')"))
                .as("the one function the job runs with the owner's rights (PostGIS's own excepted)").containsExactly("pangan_prepare_partitions()");
        assertThat(db.strings("select rolname || ' ' || rolcanlogin || ' ' || rolsuper || ' ' || rolcreaterole || ' ' || rolcreatedb"
                + " from pg_roles where rolname in ('pangan_owner', 'pangan_job', 'pangan_dashboard') order by 1"))
                .as("group roles: no login, no special powers")
                .containsExactly("pangan_dashboard false false false false", "pangan_job false false false false", "pangan_owner false false false false");
    }

    @Test
    void aLoginIsNeverASuperuserOrAGroupRoleAndGrantingItTwiceChangesNothing() throws Exception {
        Roles roles = new Roles(db.connection());
        assertThatThrownBy(() -> roles.grantLogin("postgres", Roles.Role.JOB, Secret.none())).hasMessageContaining("superuser");
        assertThatThrownBy(() -> roles.grantLogin("pangan_owner", Roles.Role.JOB, Secret.none())).hasMessageContaining("group role");
        assertThatThrownBy(() -> roles.grantLogin(DASHBOARD_USER, Roles.Role.JOB, Secret.none()))
                .hasMessageContaining("already a member of pangan_dashboard");
        assertThat(roles.grantLogin(JOB_USER, Roles.Role.JOB, Secret.none())).containsExactly(JOB_USER + " is a member of pangan_job");
        assertThat(roles.canLogInAs(JOB_USER, Roles.Role.JOB)).isTrue();
        assertThat(roles.canLogInAs(JOB_USER, Roles.Role.OWNER)).isFalse();
    }

    private interface Parameters {
        void set(PreparedStatement s) throws SQLException;
    }

    private static void run(Connection c, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
            s.executeUpdate();
        }
    }

    private static void assertDenied(PostgisConnection as, String sql) {
        assertThatThrownBy(() -> {
            try (Connection c = as.open(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).as("%s may not: %s", as.user(), sql).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).as("%s: %s", sql, e.getMessage()).isEqualTo(DENIED));
    }

    private static List<String> strings(PostgisConnection as, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = as.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
