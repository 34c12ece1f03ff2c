package id.pahlawanpangan.live;

import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import io.synadia.flink.source.JetStreamSource;
import io.synadia.flink.source.reader.JetStreamSourceReader;
import io.synadia.flink.source.split.JetStreamSplit;
import io.synadia.flink.utils.ConnectionFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * The NATS connector's JetStream source, with three repairs and what event time needs.
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
 * It also reports the consumer's lag, the messages of the stream not read yet, as the gauge
 * {@code pangan_inputBacklog}.
 *
 * <p><b>Every connection closed</b>: the connector's reader leaves the connection of its
 * consumers open when it closes; {@link ReaderConnections} closes it, so failovers do not pile up
 * connections on a long-lived TaskManager.
 *
 * <p><b>Read to the end</b>: every {@code progressInterval} the reader learns where its stream
 * ends ({@link StreamTail}, off the task thread). When it has delivered everything the stream
 * held at that moment, it says so with a {@link RawInput#sourceCaughtUp} record dated then:
 * every message it delivers later was received later. That is what lets event time move while a
 * stream is quiet ({@link id.pahlawanpangan.time.InputWatermarks}), without an idle timeout.
 */
final class GuardedJetStreamSource implements Source<RawInput, JetStreamSplit, Collection<JetStreamSplit>>, ResultTypeQueryable<RawInput> {
    private static final long serialVersionUID = 1L;

    private final JetStreamSource<RawInput> delegate;
    /** How readers connect (credentials resolved on the TaskManager), instead of the connector's own factory. */
    private final ConnectionFactory readerConnections;
    private final SourceStream sourceStream;
    private final long stallAfterMs;
    private final Duration progressInterval;

    GuardedJetStreamSource(JetStreamSource<RawInput> delegate, ConnectionFactory readerConnections, SourceStream sourceStream,
                           Duration stallAfter, Duration progressInterval) {
        this.delegate = delegate;
        this.readerConnections = readerConnections;
        this.sourceStream = sourceStream;
        this.stallAfterMs = stallAfter.toMillis();
        this.progressInterval = progressInterval;
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
        ReaderConnections connections = new ReaderConnections(readerConnections);
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
        private final SourceReader<RawInput, JetStreamSplit> reader;
        private final ReaderConnections connections;
        private StreamTail tail;
        private String streamName;
        /** Completed when the reader gets its split: a wait that began before must end, to start reporting. */
        private final CompletableFuture<Void> splitArrived = new CompletableFuture<>();
        private StreamTail.Reading lastReading;
        private long lastDelivered;
        private long lastProgressAt;
        /** The latest time this reader has said its stream was read up to. */
        private long reportedUpTo = Long.MIN_VALUE;
        private volatile long backlog;

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
            StreamTail.Reading reading = tail == null ? null : tail.latest();
            if (reading != null && reading != lastReading) {
                lastReading = reading;
                learnWhereTheStreamEnds(reading, output);
            }
            return status;
        }

        /** Reports the stream read to its end, or fails over when its consumer is lost. */
        private void learnWhereTheStreamEnds(StreamTail.Reading reading, ReaderOutput<RawInput> output) throws IOException {
            long now = System.currentTimeMillis();
            backlog = Math.max(0, reading.lastSequence - lastDelivered);
            if (reading.lastSequence <= lastDelivered) {
                lastProgressAt = now; // quiet, not stalled
                // everything stored before the question was delivered; anything later was stamped later
                if (reading.askedAt > reportedUpTo) {
                    reportedUpTo = reading.askedAt;
                    output.collect(RawInput.sourceCaughtUp(sourceStream, lastDelivered, reading.askedAt));
                }
            } else if (now - lastProgressAt >= stallAfterMs) {
                throw new IOException("JetStream stream " + streamName + " holds messages up to sequence " + reading.lastSequence
                        + " but this reader delivered nothing past " + lastDelivered + " for " + (now - lastProgressAt)
                        + " ms: its consumer is lost (did the server restart?); failing over to resume from the last checkpoint");
            }
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            CompletableFuture<Void> available = reader.isAvailable();
            if (available.isDone()) {
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
        public List<JetStreamSplit> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public void addSplits(List<JetStreamSplit> splits) {
            for (JetStreamSplit split : splits) {
                lastDelivered = Math.max(lastDelivered, split.lastEmittedStreamSequence.get());
                if (tail == null) {
                    streamName = split.subjectConfig.streamName;
                    tail = new StreamTail(split.subjectConfig.streamName, connections::getConnectionContext, progressInterval, System::currentTimeMillis);
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

        /** Passes records on, noting how far the stream has been delivered. */
        private final class Watching implements ReaderOutput<RawInput> {
            private final ReaderOutput<RawInput> out;

            Watching(ReaderOutput<RawInput> out) {
                this.out = out;
            }

            private void delivered(RawInput record) {
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
