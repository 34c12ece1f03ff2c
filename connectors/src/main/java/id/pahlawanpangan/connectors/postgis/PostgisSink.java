package id.pahlawanpangan.connectors.postgis;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * A PostGIS sink built on flink-connector-jdbc.
 *
 * <p>The one guarantee it offers is {@link #idempotentWrites()}: the connector delivers at least
 * once (it flushes its batch before every checkpoint, and a restart replays what came after the
 * last one), and the statement must be an {@code INSERT ... ON CONFLICT} on a key that the
 * record determines, so a replayed record finds its row and changes nothing. Every record then
 * ends up as exactly one row, visible within a batch interval rather than at the next checkpoint.
 */
public final class PostgisSink {
    private PostgisSink() {}

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Builds the sink; says what is wrong if its settings cannot give the guarantee asked for. */
    public static final class Builder<T> {
        private PostgisConnection connection;
        private String statement;
        private JdbcStatementBuilder<T> parameters;
        private int batchSize = 500;
        private Duration batchInterval = Duration.ofMillis(200);
        private int maxRetries = 5;
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
            JdbcExecutionOptions execution = JdbcExecutionOptions.builder()
                    .withBatchSize(batchSize)
                    .withBatchIntervalMs(batchInterval.toMillis())
                    .withMaxRetries(maxRetries)
                    .build();
            return JdbcSink.<T>builder()
                    .withQueryStatement(statement, parameters)
                    .withExecutionOptions(execution)
                    .buildAtLeastOnce(new SecretAwareConnectionProvider(connection));
        }
    }
}
