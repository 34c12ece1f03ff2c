package id.pahlawanpangan.connectors.postgis;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * Whose fault a refused write is. PostgreSQL refuses a record's content with a data exception
 * (SQLSTATE class 22: a NUL byte, a number out of range, bad JSON) or an integrity violation
 * (class 23: a check or not-null constraint): writing it again can only fail again, and failing
 * over would replay it forever. Anything else (a lost connection, a server shutting down, a
 * missing privilege or table, a deadlock) is the service's or the deployment's, and may pass.
 */
final class RecordFaults {
    private RecordFaults() {}

    static boolean isRecordFault(SQLException e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The state of the statement's own error: a batch reports it on its next exception. */
    static String sqlState(SQLException e) {
        SQLException cause = e;
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            cause = e.getNextException();
        }
        return cause.getSQLState() != null ? cause.getSQLState() : e.getSQLState();
    }

    static String message(SQLException e) {
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        return cause.getMessage();
    }
}
