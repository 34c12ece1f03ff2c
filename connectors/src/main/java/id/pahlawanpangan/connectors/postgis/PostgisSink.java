package id.pahlawanpangan.connectors.postgis;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.util.function.SerializableFunction;

/**
 * A PostGIS sink: batched JDBC writes with flink-connector-jdbc's statement builders.
 *
 * <p>The one guarantee it offers is {@link Builder#idempotentWrites()}: the writer delivers at
 * least once (it flushes its batch before every checkpoint, and a restart replays what came
 * after the last one), and the statement must be an {@code INSERT ... ON CONFLICT} on a key that
 * the record determines, so a replayed record finds its row and changes nothing. Every record
 * then ends up as exactly one row, visible within a batch interval rather than at the next
 * checkpoint.
 *
 * <p>It is not the connector's own {@code JdbcSink}, because that one fails the job over when
 * PostgreSQL refuses one record for its content, and the restart replays the record and fails
 * again, for ever: a record PostgreSQL refuses is dead-lettered instead ({@link PostgisWriter}).
 */
public final class PostgisSink {
    private PostgisSink() {}

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Builds the sink; says what is wrong if its settings cannot give the guarantee asked for. */
    public static final class Builder<T> implements Serializable {
        private static final long serialVersionUID = 1L;

        PostgisConnection connection;
        String statement;
        JdbcStatementBuilder<T> parameters;
        int batchSize = 500;
        Duration batchInterval = Duration.ofMillis(200);
        int maxRetries = 5;
        String sinkName = "postgis";
        SerializableFunction<T, String> keyOf = String::valueOf;
        private boolean idempotent;

        public Builder<T> connection(PostgisConnection connection) {
            this.connection = connection;
            return this;
        }

        /** The statement and how a record fills its parameters. */
        public Builder<T> statement(String sql, JdbcStatementBuilder<T> parameters) {
            this.statement = sql;
            this.parameters = parameters;
            return this;
        }

        /** Rows are written when this many are waiting, or this long after the first. */
        public Builder<T> batch(int size, Duration interval) {
            this.batchSize = size;
            this.batchInterval = interval;
            return this;
        }

        /** Attempts at a failed batch before the job fails over (and replays from its checkpoint). */
        public Builder<T> maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        /**
         * How a refused record is named in {@code sink_refusals} and the log: the sink (its
         * table, say) and the record's key (an event id; never the content PostgreSQL refused).
         */
        public Builder<T> refusalsNamed(String sink, SerializableFunction<T, String> key) {
            this.sinkName = sink;
            this.keyOf = key;
            return this;
        }

        /** Exactly one row per record: at-least-once delivery of idempotent inserts. */
        public Builder<T> idempotentWrites() {
            this.idempotent = true;
            return this;
        }

        public Sink<T> build() {
            if (connection == null) {
                throw new IllegalStateException("a PostGIS sink needs a connection");
            }
            if (statement == null || parameters == null) {
                throw new IllegalStateException("a PostGIS sink needs a statement and its parameters");
            }
            if (!idempotent) {
                throw new IllegalStateException("choose the guarantee explicitly: idempotentWrites() is the one this sink offers");
            }
            String sql = statement.toLowerCase(Locale.ROOT);
            if (!sql.contains("on conflict")) {
                throw new IllegalStateException("idempotent writes require an INSERT ... ON CONFLICT statement on the record's key, got: " + statement);
            }
            if (batchSize < 1 || batchInterval.isNegative()) {
                throw new IllegalStateException("batch size must be positive and the interval not negative");
            }
            return new IdempotentSink<>(this);
        }
    }

    private static final class IdempotentSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final Builder<T> settings;

        IdempotentSink(Builder<T> settings) {
            this.settings = settings;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new PostgisWriter<>(settings, context.getProcessingTimeService(), context.metricGroup());
        }

        @Override
        @Deprecated
        public SinkWriter<T> createWriter(InitContext context) {
            return new PostgisWriter<>(settings, context.getProcessingTimeService(), context.metricGroup());
        }
    }
}
