package id.pahlawanpangan.connectors.postgis;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records in batches, each batch one transaction, when it is full, when it is
 * {@code interval} old, and before every checkpoint (Flink calls {@link #flush} then): what a
 * checkpoint covers is in PostgreSQL. A batch PostgreSQL refuses for a record's content is
 * written again record by record, and the records it still refuses are dead-lettered into
 * {@code sink_refusals}, counted ({@code recordsRefused}) and logged, while the others are
 * written; a failure of the service is retried and then fails the job over to its checkpoint.
 */
final class PostgisWriter<T> implements SinkWriter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(PostgisWriter.class);
    static final String RECORD_REFUSAL = "insert into sink_refusals (sink, record_key, sqlstate, error) values (?, ?, ?, ?)";

    private final PostgisConnection postgis;
    private final String statement;
    private final JdbcStatementBuilder<T> parameters;
    private final String sinkName;
    private final SerializableFunction<T, String> keyOf;
    private final int batchSize;
    private final long intervalMs;
    private final int maxRetries;
    private final ProcessingTimeService time;
    private final Counter written;
    private final Counter refused;
    private final List<T> batch = new ArrayList<>();
    private int refusedFromBatch;
    private Connection db;
    private boolean flushScheduled;

    PostgisWriter(PostgisSink.Builder<T> b, ProcessingTimeService time, SinkWriterMetricGroup metrics) {
        this.postgis = b.connection;
        this.statement = b.statement;
        this.parameters = b.parameters;
        this.sinkName = b.sinkName;
        this.keyOf = b.keyOf;
        this.batchSize = b.batchSize;
        this.intervalMs = b.batchInterval.toMillis();
        this.maxRetries = b.maxRetries;
        this.time = time;
        this.written = metrics.getNumRecordsSendCounter();
        this.refused = metrics.counter("recordsRefused");
    }

    @Override
    public void write(T record, Context context) throws IOException, InterruptedException {
        batch.add(record);
        if (batch.size() >= batchSize) {
            flushBatch();
        } else if (!flushScheduled && time != null) {
            flushScheduled = true;
            time.registerTimer(time.getCurrentProcessingTime() + intervalMs, at -> {
                flushScheduled = false;
                flushBatch();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBatch();
    }

    private void flushBatch() throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        boolean oneByOne = false;
        refusedFromBatch = 0;
        for (int attempt = 0; ; attempt++) {
            try {
                if (oneByOne) {
                    writeEach();
                } else {
                    writeAll();
                }
                written.inc(batch.size() - refusedFromBatch);
                batch.clear();
                return;
            } catch (SQLException e) {
                if (!oneByOne && RecordFaults.isRecordFault(e)) {
                    // one record's content: find it, write the others
                    oneByOne = true;
                    attempt--;
                    continue;
                }
                closeQuietly();
                if (attempt >= maxRetries) {
                    throw new IOException("PostGIS (" + postgis.url() + ") failed " + (attempt + 1) + " times writing " + sinkName
                            + " [SQLSTATE " + RecordFaults.sqlState(e) + "]; failing over to the last checkpoint", e);
                }
                LOG.warn("PostGIS write to {} failed (SQLSTATE {}: {}); retrying", sinkName, RecordFaults.sqlState(e), RecordFaults.message(e));
                Thread.sleep(Math.min(5_000, 200L << Math.min(attempt, 5)));
            }
        }
    }

    private void writeAll() throws SQLException {
        Connection c = connection();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (T record : batch) {
                bind(ps, record);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e instanceof RuntimeException ? new SQLException("cannot bind a record: " + e, "22000", e) : (SQLException) e;
        }
    }

    private void writeEach() throws SQLException {
        refusedFromBatch = 0; // a retry after a lost connection writes the whole batch again
        Connection c = connection();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (T record : batch) {
                try {
                    bind(ps, record);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (!RecordFaults.isRecordFault(e)) {
                        throw e;
                    }
                    refuse(c, record, RecordFaults.sqlState(e), RecordFaults.message(e));
                } catch (RuntimeException e) {
                    refuse(c, record, "22000", "cannot bind the record: " + e);
                }
            }
        }
    }

    private void bind(PreparedStatement ps, T record) throws SQLException {
        ps.clearParameters();
        parameters.accept(ps, record);
    }

    private void refuse(Connection c, T record, String sqlState, String error) {
        refused.inc();
        refusedFromBatch++;
        String key = safeText(keyOf.apply(record), 200);
        LOG.error("PostGIS refused a record of {} for its content: {} [SQLSTATE {}: {}]. It is not written; recorded in sink_refusals and "
                + "counted (recordsRefused)", sinkName, key, sqlState, error);
        try (PreparedStatement ps = c.prepareStatement(RECORD_REFUSAL)) {
            ps.setString(1, sinkName);
            ps.setString(2, key);
            ps.setString(3, sqlState);
            ps.setString(4, safeText(error, 2000));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.error("could not record the refusal of {} in sink_refusals: {}", key, e.getMessage());
        }
    }

    /** PostgreSQL's text takes no NUL; an error message may quote the content that had one. */
    private static String safeText(String s, int max) {
        String clean = String.valueOf(s).replace('\0', '\uFFFD');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private Connection connection() throws SQLException {
        if (db == null || db.isClosed()) {
            db = postgis.open();
        }
        return db;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the retry opens another
        }
    }

    private void closeQuietly() {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            db = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
