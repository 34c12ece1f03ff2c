package id.pahlawanpangan.live;

import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.nats.JetStreamRecordSerializer;
import id.pahlawanpangan.connectors.nats.JetStreamSink;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.connectors.postgis.PostgisSink;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.pipeline.MatchingJob;
import id.pahlawanpangan.pipeline.MatchingPipeline;
import id.pahlawanpangan.pipeline.Uids;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Where the live job's output goes: every event once into PostGIS ({@code match_events}, and
 * rejected input also into {@code rejected_input}), once into the JetStream output stream, and
 * the NGO snapshots into {@code ngo_availability}.
 */
public final class LiveOutput implements MatchingJob.Output {
    private final PostgisConnection postgis;
    private final NatsConnection nats;
    private final Subjects subjects;

    public LiveOutput(PostgisConnection postgis, NatsConnection nats, Subjects subjects) {
        this.postgis = postgis;
        this.nats = nats;
        this.subjects = subjects;
    }

    @Override
    public void attach(MatchingPipeline.Outputs outputs) {
        DataStream<MatchEvent> events = outputs.events();
        events.sinkTo(matchEventsSink(postgis)).uid(Uids.POSTGIS_MATCH_EVENTS).name("PostGIS match_events");
        events.filter(e -> e.type == OutputType.INPUT_REJECTED).uid(Uids.REJECTED_INPUT_FILTER).name("Rejected input")
                .sinkTo(idempotent(postgis, MatchEventRows.INSERT_REJECTED_INPUT, MatchEventRows.REJECTED_INPUT, "rejected_input", e -> e.eventId))
                .uid(Uids.POSTGIS_REJECTED_INPUT).name("PostGIS rejected_input");
        // one writer per NGO: concurrent upserts of the same row from two writers can deadlock
        outputs.availability().keyBy(e -> e.ngoId, Types.STRING)
                .sinkTo(idempotent(postgis, MatchEventRows.UPSERT_NGO_AVAILABILITY, MatchEventRows.NGO_AVAILABILITY, "ngo_availability",
                        e -> e.ngoId + " at " + e.eventTime))
                .uid(Uids.POSTGIS_NGO_AVAILABILITY).name("PostGIS ngo_availability");
        events.sinkTo(JetStreamSink.<MatchEvent>builder()
                        .connection(nats)
                        .serializer(new OutputMessages(subjects))
                        .exactlyOnce()
                        .build())
                .uid(Uids.JETSTREAM_OUTPUT).name("JetStream " + subjects.outputStream());
    }

    /** Every output event once into match_events (also what make bench measures). */
    public static Sink<MatchEvent> matchEventsSink(PostgisConnection postgis) {
        return idempotent(postgis, MatchEventRows.INSERT_MATCH_EVENT, MatchEventRows.MATCH_EVENT, "match_events", e -> e.eventId);
    }

    private static <T> Sink<T> idempotent(PostgisConnection postgis, String statement, JdbcStatementBuilder<T> row,
            String table, SerializableFunction<T, String> key) {
        return PostgisSink.<T>builder().connection(postgis).statement(statement, row).refusalsNamed(table, key).idempotentWrites().build();
    }

    /**
     * One output event as one message: its subject, its id as the de-duplication id, its offer as
     * the ordering key (the events of one offer reach the stream in decision order, section 5 of
     * the contract; an event without an offer, a dead letter, is ordered with nothing), its JSON.
     */
    static final class OutputMessages implements JetStreamRecordSerializer<MatchEvent> {
        private static final long serialVersionUID = 1L;
        private final Subjects subjects;

        OutputMessages(Subjects subjects) {
            this.subjects = subjects;
        }

        @Override
        public JetStreamRecord serialize(MatchEvent e) {
            Map<String, String> headers = e.traceparent == null
                    ? Map.of("Content-Type", "application/json")
                    : Map.of("Content-Type", "application/json", "traceparent", e.traceparent);
            return new JetStreamRecord(subjects.output(e), e.eventId, e.offerId, headers, MatchEventJson.write(e).getBytes(StandardCharsets.UTF_8));
        }
    }
}
