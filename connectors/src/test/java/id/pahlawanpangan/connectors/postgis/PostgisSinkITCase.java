package id.pahlawanpangan.connectors.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.testing.FailOnceAfterCheckpoint;
import id.pahlawanpangan.connectors.testing.NumbersFailingOnce;
import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The PostGIS sink against the real server: exactly one row per record across a failure. */
class PostgisSinkITCase {
    private static final int RECORDS = 3_000;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    private PostgresDatabase db;

    @TempDir
    Path markers;

    @BeforeEach
    void createTables() throws Exception {
        db = PostgresDatabase.create("pangan_sink_it");
        db.execute("create table written (id bigint primary key, label text not null)");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        db.close();
    }

    @Test
    void everyRecordIsOneRowAfterAFailureAndRestart() throws Exception {
        DataStream<Long> numbers = NumbersFailingOnce.stream(RECORDS, markers);
        numbers.sinkTo(PostgisSink.<Long>builder()
                        .connection(db.connection())
                        .statement("insert into written (id, label) values (?, ?) on conflict (id) do nothing", (s, id) -> {
                            s.setLong(1, id);
                            s.setString(2, "record " + id);
                        })
                        .batch(50, Duration.ofMillis(100))
                        .idempotentWrites()
                        .build())
                .name("PostGIS");
        numbers.getExecutionEnvironment().execute("postgis sink exactly once");

        assertThat(FailOnceAfterCheckpoint.failuresIn(markers)).as("failures injected").isGreaterThanOrEqualTo(1);
        assertThat(db.count("select count(*) from written")).isEqualTo(RECORDS);
        assertThat(db.count("select count(distinct id) from written where id between 0 and " + (RECORDS - 1))).isEqualTo(RECORDS);
        assertThat(db.count("select count(*) from written where label <> 'record ' || id")).isZero();
    }

    /**
     * A record whose content PostgreSQL refuses (a NUL in text: SQLSTATE 22021; a check
     * constraint: 23514) is dead-lettered into sink_refusals, and every other record is written,
     * without a failover: before, the job restarted, replayed the record and failed again.
     */
    @Test
    void aRecordPostgresRefusesIsDeadLetteredAndTheOthersAreWritten() throws Exception {
        db.execute(Files.readString(Path.of("..", "db", "migrations", "V5__sink_refusals.sql")));
        db.execute("alter table written add constraint not_refused check (label <> 'refuse me')");
        Configuration noRestart = new Configuration();
        noRestart.setString("restart-strategy.type", "none"); // a failover would hide the refusal: fail instead
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noRestart);
        env.setParallelism(2);
        env.fromSequence(0, RECORDS - 1)
                .sinkTo(PostgisSink.<Long>builder()
                        .connection(db.connection())
                        .statement("insert into written (id, label) values (?, ?) on conflict (id) do nothing", (s, id) -> {
                            s.setLong(1, id);
                            s.setString(2, id % 100 == 7 ? "nul \u0000 byte" : id % 100 == 13 ? "refuse me" : "record " + id);
                        })
                        .refusalsNamed("written", id -> "record " + id)
                        .batch(50, Duration.ofMillis(100))
                        .idempotentWrites()
                        .build())
                .name("PostGIS");
        env.execute("postgis sink refusing records");

        int refused = 2 * RECORDS / 100;
        assertThat(db.count("select count(*) from written")).isEqualTo(RECORDS - refused);
        assertThat(db.count("select count(*) from written where id % 100 in (7, 13)")).isZero();
        assertThat(db.count("select count(*) from sink_refusals where sink = 'written'")).isEqualTo(refused);
        assertThat(db.count("select count(*) from sink_refusals where record_key = 'record 7' and sqlstate = '22021'")).isEqualTo(1);
        assertThat(db.count("select count(*) from sink_refusals where record_key = 'record 13' and sqlstate = '23514'")).isEqualTo(1);
    }

    @Test
    void theBuilderRefusesAStatementThatIsNotIdempotent() {
        assertThatThrownBy(() -> PostgisSink.<Long>builder()
                .connection(db.connection())
                .statement("insert into written (id, label) values (?, ?)", (s, id) -> { })
                .idempotentWrites()
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ON CONFLICT");
        assertThatThrownBy(() -> PostgisSink.<Long>builder()
                .connection(db.connection())
                .statement("insert into written (id, label) values (?, ?) on conflict do nothing", (s, id) -> { })
                .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("guarantee");
    }
}
