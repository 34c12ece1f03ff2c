package id.pahlawanpangan.connectors.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes records through, and fails the job once: on the first attempt, some records after the
 * first completed checkpoint, so that the restart replays records the sink has already written.
 * It records the failure in a table, so a test can tell that recovery really happened.
 */
public final class FailOnceAfterCheckpoint<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    private final int recordsAfterCheckpoint;
    private final String failuresJdbcUrl;
    private transient boolean checkpointed;
    private transient int seenSinceCheckpoint;
    private transient boolean firstAttempt;

    public FailOnceAfterCheckpoint(int recordsAfterCheckpoint, String failuresJdbcUrl) {
        this.recordsAfterCheckpoint = recordsAfterCheckpoint;
        this.failuresJdbcUrl = failuresJdbcUrl;
    }

    @Override
    public void open(OpenContext openContext) {
        firstAttempt = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public T map(T value) throws Exception {
        if (firstAttempt && checkpointed && ++seenSinceCheckpoint >= recordsAfterCheckpoint) {
            firstAttempt = false;
            try (Connection c = DriverManager.getConnection(failuresJdbcUrl, "postgres", null);
                 PreparedStatement s = c.prepareStatement("insert into injected_failures (subtask) values (?)")) {
                s.setInt(1, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
                s.executeUpdate();
            }
            throw new IllegalStateException("injected failure after a checkpoint (expected by the test)");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }
}
