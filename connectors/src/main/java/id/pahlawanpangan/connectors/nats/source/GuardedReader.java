package id.pahlawanpangan.connectors.nats.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * The reader of one stream's split, with the guard against a lost consumer, the stream read to
 * its end, the backlog, and every connection closed (see {@link GuardedJetStreamSource}). It
 * compares how far the connector's reader has emitted the split with where the stream ends, which
 * {@link StreamTail} asks on its own thread; nothing here waits on NATS.
 */
final class GuardedReader<T, SplitT extends SourceSplit> implements SourceReader<T, SplitT> {
    private final NonBlockingReader<T, SplitT> reader;
    private final ConnectorSource<T, SplitT> connector;
    private final StreamRecords<T> records;
    private final ReaderConnections connections;
    private final long stallAfterMs;
    private final Duration progressInterval;
    /** Completed when the reader gets its split: a wait that began before must end, to start reporting. */
    private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();
    private SplitT split;
    /** Read by the metrics thread too. */
    private volatile StreamTail tail;
    private StreamTail.Reading lastReading;
    /** The stream sequence emitted last (the split's position). */
    /** Written on the task thread, read by the metrics thread for the backlog. */
    private volatile long lastDelivered;
    /**
     * How long the reader has been asked for records without delivering one while the stream
     * held more. Only the time it was asked counts (see {@link #pollNext}).
     */
    private long stalledMs;
    private long lastPolledAt;
    private final long countedPollGapMs;
    private boolean waitedForSetup;
    /** The latest time this reader has said its stream was read up to. */
    private long reportedUpTo = Long.MIN_VALUE;

    GuardedReader(NonBlockingReader<T, SplitT> reader, ConnectorSource<T, SplitT> connector, StreamRecords<T> records,
                  ReaderConnections connections, Duration stallAfter, Duration progressInterval) {
        this.reader = reader;
        this.connector = connector;
        this.records = records;
        this.connections = connections;
        this.stallAfterMs = stallAfter.toMillis();
        this.progressInterval = progressInterval;
        // a stalled reader is asked at every answer of the stream's tail, so gaps longer than a few
        // of those are the task not asking: backpressured, or busy with a checkpoint
        this.countedPollGapMs = Math.max(1_000, 2 * progressInterval.toMillis());
    }

    /**
     * Consumer lag: the messages of the stream not read yet, as of the stream's last answer. Worked
     * out when asked, not on the task thread, which does not run while backpressured: that is
     * when the lag grows.
     */
    long backlog() {
        StreamTail watching = tail;
        StreamTail.Reading reading = watching == null ? null : watching.latest();
        return reading == null ? 0 : Math.max(0, reading.lastSequence - lastDelivered);
    }

    @Override
    public void start() {
        reader.start();
        lastPolledAt = System.currentTimeMillis();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        long now = System.currentTimeMillis();
        // Only the time the task was asking counts toward a stall. Under backpressure it does not
        // ask for seconds, the stream's end moves on meanwhile, and the first poll after may find
        // nothing fetched yet: counting that gap took an overloaded job's healthy consumer for a
        // lost one, failed it over, and the replay overloaded it further.
        long asked = Math.min(Math.max(0, now - lastPolledAt), countedPollGapMs);
        lastPolledAt = now;
        InputStatus status = reader.pollNext(output);
        if (reader.settingUp()) {
            waitedForSetup = true;
            return status;
        }
        if (waitedForSetup) {
            // connecting and creating the consumer is not stalling: the guard's clock starts when they are done
            waitedForSetup = false;
            asked = 0;
        }
        boolean delivered = false;
        if (split != null) {
            long position = connector.position(split);
            if (position > lastDelivered) {
                lastDelivered = position;
                delivered = true;
            }
        }
        StreamTail.Reading reading = tail == null ? null : tail.latest();
        if (delivered || reading == null || reading.lastSequence <= lastDelivered) {
            stalledMs = 0;
        } else {
            stalledMs += asked;
        }
        if (reading != null && reading != lastReading) {
            lastReading = reading;
            learnWhereTheStreamEnds(reading, output);
        }
        return status;
    }

    /** Reports the stream read to its end, or fails over when its consumer is lost. */
    private void learnWhereTheStreamEnds(StreamTail.Reading reading, ReaderOutput<T> output) throws IOException {
        if (reading.lastSequence <= lastDelivered) {
            // everything stored before the question was delivered; anything later was stamped later
            if (reading.askedAt > reportedUpTo) {
                reportedUpTo = reading.askedAt;
                output.collect(records.caughtUp(lastDelivered, reading.askedAt));
            }
        } else if (stalledMs >= stallAfterMs) {
            throw new IOException("JetStream stream " + connector.streamName(split) + " holds messages up to sequence " + reading.lastSequence
                    + " but this reader, asked for records all along, delivered nothing past " + lastDelivered + " for " + stalledMs
                    + " ms: its consumer is lost (did the server restart?); failing over to resume from the last checkpoint");
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        CompletableFuture<Void> available = reader.isAvailable();
        if (available.isDone() || reader.settingUp()) {
            return available;
        }
        if (tail == null) {
            // an empty stream's reader would otherwise wait for a message that may never come
            return CompletableFuture.anyOf(available, splitArrived).thenApply(x -> null);
        }
        if (tail.latest() != lastReading) {
            return CompletableFuture.completedFuture(null);
        }
        // wake up for the stream's next answer too: a quiet stream is reported, a stalled one caught
        return CompletableFuture.anyOf(available, tail.nextReading()).thenApply(x -> null);
    }

    @Override
    public List<SplitT> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
    }

    @Override
    public void addSplits(List<SplitT> splits) {
        for (SplitT added : splits) {
            if (split != null && !split.splitId().equals(added.splitId())) {
                throw new IllegalStateException("a guarded JetStream source reads one stream; its reader got a second split " + added.splitId());
            }
            if (split == null) {
                split = added;
                lastDelivered = Math.max(lastDelivered, connector.position(added));
                tail = new StreamTail(connector.streamName(added), connections, progressInterval, System::currentTimeMillis);
                tail.start();
            }
        }
        reader.addSplits(splits);
        splitArrived.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        reader.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        reader.handleSourceEvents(sourceEvent);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        reader.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void close() throws Exception {
        try {
            if (tail != null) {
                tail.close();
            }
            reader.close();
        } finally {
            connections.closeAll();
        }
    }
}
