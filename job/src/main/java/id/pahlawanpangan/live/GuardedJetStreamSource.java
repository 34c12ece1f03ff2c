package id.pahlawanpangan.live;

import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import io.nats.client.Connection;
import io.synadia.flink.source.JetStreamSource;
import io.synadia.flink.source.reader.JetStreamSourceReader;
import io.synadia.flink.source.split.JetStreamSplit;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The NATS connector's JetStream source, with three repairs and a report.
 *
 * <p><b>Splits handed out again after a failure</b>: its enumerator is replaced by {@link
 * JetStreamSplitEnumerator}, so a job that fails over before its first checkpoint reads its
 * streams again instead of nothing.
 *
 * <p><b>A guard against a lost consumer</b>: when nats-server restarts, the reader's ordered
 * consumer may be lost and never recreated, so the job stops reading while the stream keeps
 * filling. The guard notices that nothing has been delivered for a while although the stream
 * holds newer messages, and fails the reader; Flink restarts it from the last checkpoint, with a
 * new consumer that starts after the checkpointed sequence, so nothing is lost or read twice.
 * Every 10 s it also reports the consumer's lag, the messages of the stream not read yet, as the
 * gauge {@code pangan_inputBacklog}.
 *
 * <p><b>Every connection closed</b>: the connector's reader leaves the connection of its
 * consumers open when it closes; {@link ReaderConnections} closes it, so failovers do not pile up
 * connections on a long-lived TaskManager.
 *
 * <p><b>Caught up at the start</b>: when the reader starts and its stream holds nothing it has
 * not read, it says so with one {@link RawInput#sourceCaughtUp} record, so that an empty stream
 * holds event time back for seconds rather than the whole start-up period ({@link
 * id.pahlawanpangan.time.InputWatermarks}).
 */
final class GuardedJetStreamSource implements Source<RawInput, JetStreamSplit, Collection<JetStreamSplit>>, ResultTypeQueryable<RawInput> {
    private static final long serialVersionUID = 1L;

    private final JetStreamSource<RawInput> delegate;
    private final SourceStream sourceStream;
    private final long stallAfterMs;

    GuardedJetStreamSource(JetStreamSource<RawInput> delegate, SourceStream sourceStream, Duration stallAfter) {
        this.delegate = delegate;
        this.sourceStream = sourceStream;
        this.stallAfterMs = stallAfter.toMillis();
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SplitEnumerator<JetStreamSplit, Collection<JetStreamSplit>> createEnumerator(SplitEnumeratorContext<JetStreamSplit> context) {
        return new JetStreamSplitEnumerator(context, delegate.configById.values().stream().map(JetStreamSplit::new).toList());
    }

    @Override
    public SplitEnumerator<JetStreamSplit, Collection<JetStreamSplit>> restoreEnumerator(
            SplitEnumeratorContext<JetStreamSplit> context, Collection<JetStreamSplit> checkpoint) {
        return new JetStreamSplitEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<JetStreamSplit> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<JetStreamSplit>> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public SourceReader<RawInput, JetStreamSplit> createReader(SourceReaderContext context) throws Exception {
        ReaderConnections connections = new ReaderConnections(delegate.connectionFactory);
        Reader reader = new Reader(new JetStreamSourceReader<>(delegate.boundedness, delegate.sourceConverter, connections, context), connections);
        // consumer lag: messages in the stream not yet read (pangan_inputBacklog)
        context.metricGroup().addGroup("pangan").gauge("inputBacklog", () -> reader.backlog);
        return reader;
    }

    @Override
    public TypeInformation<RawInput> getProducedType() {
        return delegate.getProducedType();
    }

    private final class Reader implements SourceReader<RawInput, JetStreamSplit> {
        private static final long CHECK_EVERY_MS = 2_000;
        private static final long BACKLOG_EVERY_MS = 10_000;

        private final SourceReader<RawInput, JetStreamSplit> reader;
        private final ReaderConnections connections;
        private String stream;
        private long lastDelivered;
        private long lastProgressAt;
        private long nextCheckAt;
        private Connection checker;
        private long nextBacklogAt;
        private volatile long backlog;
        /** Whether the reader has delivered a record, or said that there was none to deliver. */
        private boolean startReported;

        Reader(SourceReader<RawInput, JetStreamSplit> reader, ReaderConnections connections) {
            this.reader = reader;
            this.connections = connections;
        }

        @Override
        public void start() {
            reader.start();
            lastProgressAt = System.currentTimeMillis();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<RawInput> output) throws Exception {
            InputStatus status = reader.pollNext(new Watching(output));
            checkForStall();
            reportCaughtUpAtStart(output);
            return status;
        }

        /** Once the reader knows its stream: if nothing was delivered and nothing is there to read, says so. */
        private void reportCaughtUpAtStart(ReaderOutput<RawInput> output) throws Exception {
            if (startReported || stream == null) {
                return;
            }
            startReported = true;
            if (newestSequence() <= lastDelivered) {
                output.collect(RawInput.sourceCaughtUp(sourceStream, lastDelivered, System.currentTimeMillis()));
            }
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            CompletableFuture<Void> available = reader.isAvailable();
            if (available.isDone()) {
                return available;
            }
            // wake up now and then, so that a reader that never becomes available is still checked
            CompletableFuture<Void> tick = CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(CHECK_EVERY_MS, TimeUnit.MILLISECONDS));
            return CompletableFuture.anyOf(available, tick).thenApply(x -> null);
        }

        private void checkForStall() throws Exception {
            long now = System.currentTimeMillis();
            if (stream == null || now < nextCheckAt) {
                return;
            }
            nextCheckAt = now + CHECK_EVERY_MS;
            boolean stalled = now - lastProgressAt >= stallAfterMs;
            if (!stalled && now < nextBacklogAt) {
                return;
            }
            nextBacklogAt = now + BACKLOG_EVERY_MS;
            long newest = newestSequence();
            backlog = Math.max(0, newest - lastDelivered);
            if (!stalled) {
                return;
            }
            if (newest > lastDelivered) {
                throw new IOException("JetStream stream " + stream + " holds messages up to sequence " + newest
                        + " but this reader delivered nothing past " + lastDelivered + " for " + (now - lastProgressAt)
                        + " ms: its consumer is lost (did the server restart?); failing over to resume from the last checkpoint");
            }
            lastProgressAt = now; // quiet, not stalled
        }

        /** The stream's last sequence, asked over a connection of the guard's own. */
        private long newestSequence() throws Exception {
            if (checker == null || checker.getStatus() != Connection.Status.CONNECTED) {
                if (checker != null) {
                    checker.close();
                }
                checker = connections.connect();
            }
            return checker.jetStreamManagement().getStreamInfo(stream).getStreamState().getLastSequence();
        }

        @Override
        public List<JetStreamSplit> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public void addSplits(List<JetStreamSplit> splits) {
            for (JetStreamSplit split : splits) {
                stream = split.subjectConfig.streamName;
                lastDelivered = Math.max(lastDelivered, split.lastEmittedStreamSequence.get());
            }
            reader.addSplits(splits);
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
                reader.close();
            } finally {
                connections.closeAll();
            }
        }

        /** Passes records on, noting how far the stream has been delivered. */
        private final class Watching implements ReaderOutput<RawInput> {
            private final ReaderOutput<RawInput> out;

            Watching(ReaderOutput<RawInput> out) {
                this.out = out;
            }

            private void delivered(RawInput record) {
                startReported = true;
                lastDelivered = Math.max(lastDelivered, record.seq);
                lastProgressAt = System.currentTimeMillis();
            }

            @Override
            public void collect(RawInput record) {
                delivered(record);
                out.collect(record);
            }

            @Override
            public void collect(RawInput record, long timestamp) {
                delivered(record);
                out.collect(record, timestamp);
            }

            @Override
            public void emitWatermark(Watermark watermark) {
                out.emitWatermark(watermark);
            }

            @Override
            public void markIdle() {
                out.markIdle();
            }

            @Override
            public void markActive() {
                out.markActive();
            }

            @Override
            public SourceOutput<RawInput> createOutputForSplit(String splitId) {
                return out.createOutputForSplit(splitId);
            }

            @Override
            public void releaseOutputForSplit(String splitId) {
                out.releaseOutputForSplit(splitId);
            }
        }
    }
}
