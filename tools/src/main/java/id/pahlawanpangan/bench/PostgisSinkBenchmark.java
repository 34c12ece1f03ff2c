package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.live.LiveOutput;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The PostGIS sink alone: decisions into match_events of a database of its own, rows per second (all rows checked). */
public final class PostgisSinkBenchmark {
    private static final String DATABASE = "pangan_bench";

    private final PostgisConnection server;

    /** @param server the PostgreSQL server, as its administrator (the benchmark creates and drops its database) */
    public PostgisSinkBenchmark(PostgisConnection server) {
        this.server = server;
    }

    public Measurement run(long events, int parallelism) throws Exception {
        try (var admin = server.onDatabase("postgres").open(); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + DATABASE + " with (force)");
            st.execute("create database " + DATABASE);
        }
        PostgisConnection db = server.onDatabase(DATABASE);
        new Schema(db).migrate(null);
        StreamExecutionEnvironment env = SyntheticDecisions.environment(parallelism);
        SyntheticDecisions.stream(env, events).sinkTo(LiveOutput.matchEventsSink(db)).name("PostGIS");
        double cpu = JvmCpu.seconds();
        long start = System.nanoTime();
        env.execute("bench postgis sink");
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu = JvmCpu.seconds() - cpu;
        try (var c = db.open(); Statement st = c.createStatement(); ResultSet r = st.executeQuery("select count(*) from match_events")) {
            r.next();
            if (r.getLong(1) != events) {
                throw new IllegalStateException("expected " + events + " rows, found " + r.getLong(1));
            }
        }
        return new Measurement("PostGIS sink", "idempotent inserts into match_events; parallelism " + parallelism, events, "decisions",
                seconds, cpu);
    }
}
