package id.pahlawanpangan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code bin/pangan db} on the real PostgreSQL, as the administrator (the local superuser). */
class DbCommandITCase {
    private PostgresDatabase db;

    @BeforeEach
    void migrated() throws Exception {
        db = PostgresDatabase.create("pangan_db_command_it");
        assertThat(pangan("db", "--postgres", db.url())).containsPattern("is at schema version \\d+ \\(\\d+ migration\\(s\\) applied\\)");
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    @Test
    void maintainDeletesOnlyTheDeadLettersOlderThanTheRetention() throws Exception {
        db.execute("insert into rejected_input (event_id, reason, payload, received_at) values"
                + " ('-/a/0', 'malformed_json', '{a', now() - interval '40 days'),"
                + " ('-/b/0', 'malformed_json', '{b', now() - interval '30 days 1 minute'),"
                + " ('-/c/0', 'malformed_json', '{c', now() - interval '29 days 23 hours'),"
                + " ('-/d/0', 'malformed_json', '{d', now())");
        db.execute("insert into match_events (event_id, type, at, reason, event) values"
                + " ('-/a/0', 'input.rejected', now() - interval '40 days', 'malformed_json', '{}')");

        assertThat(pangan("db", "--maintain", "--postgres", db.url())).contains("deleted 2 dead letter(s) received more than 30 d ago");
        assertThat(db.strings("select payload from rejected_input order by 1")).as("30 days by default").containsExactly("{c", "{d");
        assertThat(db.count("select count(*) from match_events where event_id = '-/a/0'"))
                .as("the decision stays in match_events (without its payload) until its partition is detached").isEqualTo(1);

        assertThat(pangan("db", "--maintain", "--dead-letter-retention", "1 d", "--postgres", db.url())).contains("deleted 1 dead letter(s)");
        assertThat(db.strings("select payload from rejected_input")).containsExactly("{d");
    }

    @Test
    void grantLoginMakesALoginThatReadsTheDashboardsAndNothingElse() throws Exception {
        String out = pangan("db", "--postgres", db.url(), "--grant-login", "pangan_it_viewer", "--role", "dashboard");
        assertThat(out).contains("pangan_it_viewer is").contains("member of pangan_dashboard");
        try (Connection c = db.connection().withUser("pangan_it_viewer", Secret.none()).open(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from dashboard_outcomes_daily")) {
                assertThat(r.next()).isTrue();
            }
            assertThat(List.of("select count(*) from match_events", "insert into cities default values"))
                    .allSatisfy(sql -> assertThat(denied(s, sql)).as(sql).isTrue());
        }
    }

    private static boolean denied(Statement s, String sql) {
        try {
            s.execute(sql);
            return false;
        } catch (SQLException e) {
            return "42501".equals(e.getSQLState());
        }
    }

    /**
     * Runs bin/pangan as an operator would (the shaded jar: its picocli is relocated, so not in this
     * JVM); returns what it printed, failing on a non-zero exit. The administrator is the default,
     * the local superuser.
     */
    private static String pangan(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of("").toAbsolutePath().getParent().resolve("bin/pangan").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PANGAN_JAVA_OPTS", "-Xmx256m");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("exit of pangan %s: %s%s", List.of(args), out, err).isZero();
        return out;
    }
}
