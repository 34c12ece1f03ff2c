package id.pahlawanpangan.connectors.nats.source;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.util.function.ThrowingRunnable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's reader, its calls that wait on NATS made on a thread of their own.
 *
 * <p>Flink calls a source reader on the task thread, which also takes the checkpoints. The
 * connector's {@code start} opens a connection, and its {@code addSplits} — called when a split
 * is assigned and when a checkpoint is restored — opens another, asks the server for the stream
 * and creates the stream's consumer there: each waits up to a connection or request timeout, per
 * server, when NATS is slow or away, and a checkpoint waited with it. Here those calls (and any
 * call that comes while they run, in order) go to the setup thread, and the task thread meanwhile
 * gets "nothing available", a future that completes when the setup is done, and checkpoints of
 * the splits as they were handed over (nothing is read from a split before its setup is done, so
 * that is where it is). The connector's reader is not thread-safe: it is touched by one thread at
 * a time, the setup thread while a setup runs, the task thread otherwise.
 */
final class NonBlockingReader<T, SplitT extends SourceSplit> implements SourceReader<T, SplitT> {
    private static final Logger LOG = LoggerFactory.getLogger(NonBlockingReader.class);

    private final SourceReader<T, SplitT> reader;
    private final String stream;
    private final ExecutorService setupThread;
    /** Every split handed to the reader, by id, for the checkpoints taken while a setup runs. */
    private final Map<String, SplitT> splits = new LinkedHashMap<>();
    /** The calls handed to the setup thread, chained; done when the reader is the task thread's again. */
    private CompletableFuture<Void> setup = CompletableFuture.completedFuture(null);

    NonBlockingReader(SourceReader<T, SplitT> reader, String stream) {
        this.reader = reader;
        this.stream = stream;
        this.setupThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pangan-jetstream-setup-" + stream);
            t.setDaemon(true);
            return t;
        });
    }

    /** True while the setup thread holds the reader. */
    boolean settingUp() {
        return !setup.isDone();
    }

    @Override
    public void start() {
        aside(reader::start);
    }

    @Override
    public void addSplits(List<SplitT> added) {
        added.forEach(split -> splits.putIfAbsent(split.splitId(), split));
        List<SplitT> handed = List.copyOf(added);
        aside(() -> reader.addSplits(handed));
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (settingUp()) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        failIfSetupFailed();
        return reader.pollNext(output);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (settingUp()) {
            // done either way: a failed setup fails the next pollNext
            return setup.handle((done, failure) -> null);
        }
        return readerFree() ? reader.isAvailable() : CompletableFuture.completedFuture(null);
    }

    @Override
    public List<SplitT> snapshotState(long checkpointId) {
        return readerFree() ? reader.snapshotState(checkpointId) : List.copyOf(splits.values());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        if (readerFree()) {
            reader.notifyCheckpointComplete(checkpointId);
        } else {
            aside(() -> reader.notifyCheckpointComplete(checkpointId));
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        if (readerFree()) {
            reader.notifyNoMoreSplits();
        } else {
            aside(reader::notifyNoMoreSplits);
        }
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        if (readerFree()) {
            reader.handleSourceEvents(sourceEvent);
        } else {
            aside(() -> reader.handleSourceEvents(sourceEvent));
        }
    }

    @Override
    public void close() throws Exception {
        setupThread.shutdownNow();
        if (!setupThread.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("the JetStream setup thread of {} did not stop within 10 s; closing its reader anyway", stream);
        }
        reader.close();
    }

    /** The task thread's to call: no setup running, none failed (after a failure, calls are dropped: the next pollNext fails). */
    private boolean readerFree() {
        return setup.isDone() && !setup.isCompletedExceptionally();
    }

    /** After the calls already handed over, on the setup thread; a failed setup runs nothing more. */
    private void aside(ThrowingRunnable<Exception> call) {
        setup = setup.thenRunAsync(ThrowingRunnable.unchecked(call), setupThread);
    }

    private void failIfSetupFailed() throws IOException, InterruptedException {
        if (setup.isCompletedExceptionally()) {
            try {
                setup.get();
            } catch (ExecutionException e) {
                throw new IOException("the JetStream reader of stream " + stream + " could not be set up: " + e.getCause(), e.getCause());
            }
        }
    }
}
