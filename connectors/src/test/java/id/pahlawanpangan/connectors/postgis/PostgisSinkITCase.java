package id.pahlawanpangan.connectors.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.testing.FailOnceAfterCheckpoint;
import id.pahlawanpangan.connectors.testing.NumbersFailingOnce;
import id.pahlawanpangan.connectors.testing.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
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
