package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.db.Roles;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.testing.Scenarios;
import id.pahlawanpangan.testing.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SQL query of the mission dashboard (observability/grafana/pangan-mission.json) against the
 * migrated schema holding a generated day's decisions, as a login of pangan_dashboard (what
 * Grafana's data source uses): each runs, and each returns rows.
 */
class MissionDashboardITCase {
    /** Grafana's login: a member of pangan_dashboard. */
    private static final String DASHBOARD_USER = "pangan_it_dashboard";

    @TempDir
    Path dir;

    @Test
    void everyQueryOfTheMissionDashboardRunsAndAnswers() throws Exception {
        Map<String, String> queries = dashboardQueries(locate("observability/grafana/pangan-mission.json"));
        assertThat(queries).as("every query of every panel").hasSize(15);
        try (PostgresDatabase db = PostgresDatabase.create("pangan_dashboard_it")) {
            new Schema(db.connection()).migrate(null);
            Roles roles = new Roles(db.connection());
            roles.grantLogin(LiveFixture.JOB_USER, Roles.Role.JOB, Secret.none());
            roles.grantLogin(DASHBOARD_USER, Roles.Role.DASHBOARD, Secret.none());
            // written as the job writes, read as Grafana reads: each with its own login
            List<RawInput> inputs = aDaysInput();
            fill(db.connection().withUser(LiveFixture.JOB_USER, Secret.none()), aDay(inputs), ngoSnapshots(inputs));
            try (Connection c = db.connection().withUser(DASHBOARD_USER, Secret.none()).open(); Statement s = c.createStatement()) {
                for (Map.Entry<String, String> q : queries.entrySet()) {
                    int rows = 0;
                    try (ResultSet r = s.executeQuery(withGrafanaMacros(q.getValue()))) {
                        while (r.next()) {
                            rows++;
                        }
                    }
                    assertThat(rows).as("rows of panel '%s'", q.getKey()).isPositive();
                }
            }
        }
    }

    private List<RawInput> aDaysInput() throws Exception {
        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = 400;
        s.ngos = 60;
        s.seed = 3;
        Path day = dir.resolve("day.jsonl");
        Files.write(day, new DayGenerator(s).generate(), StandardCharsets.UTF_8);
        return Scenarios.readReplayFile(day);
    }

    /** The valid NGO snapshots of the day, as the job's availability sink gets them. */
    private static List<InputEvent> ngoSnapshots(List<RawInput> inputs) {
        InputParser parser = new InputParser(MatchingOptions.MAX_PAYLOAD_BYTES.defaultValue());
        List<InputEvent> snapshots = new ArrayList<>();
        for (RawInput raw : inputs) {
            ParsedInput parsed = parser.parse(raw);
            if (parsed.isValid() && parsed.event().type == InputType.NGO_AVAILABILITY) {
                snapshots.add(parsed.event());
            }
        }
        return snapshots;
    }

    private List<MatchEvent> aDay(List<RawInput> inputs) throws Exception {
        List<MatchEvent> events = new ArrayList<>(Scenarios.decideSequentially(inputs, MatchPolicy.DEFAULTS));
        // a replay ends with every offer closed; one still held, as the live job would have
        MatchEvent held = new MatchEvent();
        held.eventId = "offer-waiting/o1/0";
        held.type = OutputType.OFFER_PROPOSED;
        held.offerId = "offer-waiting";
        held.ngoId = "ngo-jakarta-0001";
        held.at = events.get(events.size() - 1).at;
        held.attempt = 1;
        held.tier = 1;
        held.distanceKm = 1.0;
        held.holdUntil = held.at + 600_000;
        held.lat = -6.2;
        held.lon = 106.85;
        held.quantityKg = 5.0;
        held.category = "bakery";
        events.add(held);
        // and one escalated to a dispatcher, still open
        MatchEvent escalated = new MatchEvent();
        escalated.eventId = "offer-escalated/o1/0";
        escalated.type = OutputType.OFFER_ESCALATED;
        escalated.offerId = "offer-escalated";
        escalated.at = held.at;
        escalated.reason = "no_candidate";
        escalated.lat = -7.25;
        escalated.lon = 112.75;
        escalated.quantityKg = 12.0;
        escalated.category = "cooked_meal";
        events.add(escalated);
        return events;
    }

    private static void fill(PostgisConnection job, List<MatchEvent> events, List<InputEvent> snapshots) throws Exception {
        try (Connection c = job.open();
             PreparedStatement insert = c.prepareStatement(MatchEventRows.INSERT_MATCH_EVENT);
             PreparedStatement rejected = c.prepareStatement(MatchEventRows.INSERT_REJECTED_INPUT);
             PreparedStatement ngos = c.prepareStatement(MatchEventRows.UPSERT_NGO_AVAILABILITY)) {
            for (InputEvent snapshot : snapshots) {
                MatchEventRows.NGO_AVAILABILITY.accept(ngos, snapshot);
                ngos.executeUpdate(); // one at a time: a batch may not name an NGO twice in one upsert
            }
            for (MatchEvent e : events) {
                MatchEventRows.MATCH_EVENT.accept(insert, e);
                insert.addBatch();
                if (e.type == OutputType.INPUT_REJECTED) {
                    MatchEventRows.REJECTED_INPUT.accept(rejected, e);
                    rejected.addBatch();
                }
            }
            insert.executeBatch();
            rejected.executeBatch();
        }
    }

    /** Grafana's PostgreSQL macros, over a range that covers the generated day. */
    private static String withGrafanaMacros(String sql) {
        return sql.replaceAll("\\$__timeFilter\\(([^)]+)\\)", "$1 BETWEEN '2026-11-01T00:00:00Z'::timestamptz AND '2026-12-31T00:00:00Z'::timestamptz")
                .replace("$__timeFrom()", "'2026-11-01T00:00:00Z'::timestamptz")
                .replace("$__timeTo()", "'2026-12-31T00:00:00Z'::timestamptz");
    }

    private static Map<String, String> dashboardQueries(Path dashboard) throws Exception {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        root.get("panels").forEach(panels::add);
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("rawSql")) {
                    queries.put(panel.get("title").asText() + " (" + target.path("refId").asText() + ")", target.get("rawSql").asText());
                }
            }
        }
        return queries;
    }

    private static Path locate(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative);
    }
}
