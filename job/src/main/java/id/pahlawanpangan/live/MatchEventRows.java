package id.pahlawanpangan.live;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.tracing.Tracing;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * How output events and NGO snapshots become rows of the schema in {@code db/migrations}. Public
 * for DatabaseRolesITCase, which checks that the job's role may run exactly these statements.
 */
public final class MatchEventRows {
    private MatchEventRows() {}

    /** Every output event, once: the key (event_id, at) is a function of the event. */
    public static final String INSERT_MATCH_EVENT =
            "insert into match_events (event_id, type, offer_id, ngo_id, at, reason, attempt, tier, distance_km, hold_until,"
            + " picked_kg, quantity_kg, category, location, trace_id, cause_rank, cause_seq, cause_index, event)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " st_setsrid(st_makepoint(?::float8, ?::float8), 4326)::geography, ?, ?, ?, ?, ?::jsonb)"
            + " on conflict (event_id, at) do nothing";

    public static final JdbcStatementBuilder<MatchEvent> MATCH_EVENT = (s, e) -> {
        s.setString(1, e.eventId);
        s.setString(2, e.type.wireName());
        s.setString(3, e.offerId);
        s.setString(4, e.ngoId);
        s.setTimestamp(5, new Timestamp(e.at));
        s.setString(6, e.reason);
        setInt(s, 7, e.attempt);
        setInt(s, 8, e.tier);
        setDouble(s, 9, e.distanceKm);
        s.setTimestamp(10, e.holdUntil == null ? null : new Timestamp(e.holdUntil));
        setDouble(s, 11, e.pickedKg);
        setDouble(s, 12, e.quantityKg);
        s.setString(13, e.category);
        setDouble(s, 14, e.lon);
        setDouble(s, 15, e.lat);
        s.setString(16, Tracing.traceId(e.traceparent));
        s.setInt(17, e.causeRank);
        s.setLong(18, e.causeSeq);
        s.setInt(19, e.causeIndex);
        // a dead letter's payload is kept once, in rejected_input
        s.setString(20, MatchEventJson.writeWithoutPayload(e));
    };

    /** The dead-letter table: rejected input with its reason and original payload. */
    public static final String INSERT_REJECTED_INPUT =
            "insert into rejected_input (event_id, reason, offer_id, payload, payload_base64, payload_truncated, received_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (event_id) do nothing";

    public static final JdbcStatementBuilder<MatchEvent> REJECTED_INPUT = (s, e) -> {
        s.setString(1, e.eventId);
        s.setString(2, e.reason);
        s.setString(3, e.offerId);
        s.setString(4, e.payload);
        s.setString(5, e.payloadBase64);
        s.setBoolean(6, Boolean.TRUE.equals(e.payloadTruncated));
        s.setTimestamp(7, new Timestamp(e.at));
    };

    /** The latest snapshot per NGO: an older one (a replay, or late) never overwrites a newer. */
    /**
     * Every decision written, read back in the wire format: the event column, with a dead
     * letter's payload merged back from rejected_input, where it is kept once. What an audit (the
     * live tests, the chaos check) compares with a replay.
     */
    public static final String SELECT_DECISIONS_AS_JSON = "select (case when m.type = 'input.rejected' then m.event"
            + " || jsonb_strip_nulls(jsonb_build_object('payload', r.payload, 'payload_base64', r.payload_base64,"
            + " 'payload_truncated', case when r.payload_truncated then true end)) else m.event end)::text"
            + " from match_events m left join rejected_input r using (event_id)";

    public static final String UPSERT_NGO_AVAILABILITY =
            "insert into ngo_availability (ngo_id, location, radius_km, service_area, capacity_kg, accepts, halal_only,"
            + " vegetarian_only, has_cold_chain, active, event_time)"
            + " values (?, st_setsrid(st_makepoint(?, ?), 4326)::geography, ?,"
            + " st_buffer(st_setsrid(st_makepoint(?, ?), 4326)::geography, ? * 1000.0)::geography,"
            + " ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (ngo_id) do update set location = excluded.location, radius_km = excluded.radius_km,"
            + " service_area = excluded.service_area, capacity_kg = excluded.capacity_kg, accepts = excluded.accepts,"
            + " halal_only = excluded.halal_only, vegetarian_only = excluded.vegetarian_only,"
            + " has_cold_chain = excluded.has_cold_chain, active = excluded.active, event_time = excluded.event_time,"
            + " written_at = now()"
            + " where excluded.event_time >= ngo_availability.event_time";

    public static final JdbcStatementBuilder<InputEvent> NGO_AVAILABILITY = (s, e) -> {
        s.setString(1, e.ngoId);
        s.setDouble(2, e.lon);
        s.setDouble(3, e.lat);
        s.setDouble(4, e.radiusKm);
        s.setDouble(5, e.lon);
        s.setDouble(6, e.lat);
        s.setDouble(7, e.radiusKm);
        s.setDouble(8, e.capacityKg);
        List<String> accepts = new ArrayList<>();
        for (Category c : Category.values()) {
            if (c.isIn(e.accepts)) {
                accepts.add(c.wireName());
            }
        }
        s.setArray(9, s.getConnection().createArrayOf("text", accepts.toArray()));
        s.setBoolean(10, e.halalOnly);
        s.setBoolean(11, e.vegetarianOnly);
        s.setBoolean(12, e.hasColdChain);
        s.setBoolean(13, e.active);
        s.setTimestamp(14, new Timestamp(e.eventTime));
    };

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }
}
