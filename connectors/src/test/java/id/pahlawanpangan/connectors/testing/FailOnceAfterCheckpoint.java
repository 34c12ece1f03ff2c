package id.pahlawanpangan.connectors.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes records through, and fails the job once: on the first attempt, some records after the
 * first completed checkpoint, so that the restart replays records the sink has already written.
 * It leaves a marker file per failure, so a test can tell that recovery really happened.
 */
public final class FailOnceAfterCheckpoint<T> extends RichMapFunction<T, T> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    private final int recordsAfterCheckpoint;
    private final String markerDirectory;
    private transient boolean checkpointed;
    private transient int seenSinceCheckpoint;
    private transient boolean firstAttempt;

    public FailOnceAfterCheckpoint(int recordsAfterCheckpoint, Path markerDirectory) {
        this.recordsAfterCheckpoint = recordsAfterCheckpoint;
        this.markerDirectory = markerDirectory.toString();
    }

    /** How many failures were injected. */
    public static long failuresIn(Path markerDirectory) throws IOException {
        try (var files = Files.list(markerDirectory)) {
            return files.filter(p -> p.getFileName().toString().startsWith("injected-failure-")).count();
        }
    }

    @Override
    public void open(OpenContext openContext) {
        firstAttempt = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public T map(T value) throws Exception {
        if (firstAttempt && checkpointed && ++seenSinceCheckpoint >= recordsAfterCheckpoint) {
            firstAttempt = false;
            Files.createFile(Path.of(markerDirectory, "injected-failure-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()));
            throw new IllegalStateException("injected failure after a checkpoint (expected by the test)");
        }
        return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }
}
