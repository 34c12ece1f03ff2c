package id.pahlawanpangan.connectors.nats.source;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One JetStream stream as a Flink source: the NATS connector's JetStream source (io.synadia
 * flink-connector-nats 2.1.4, reached only through {@link SynadiaJetStream}), its position — the
 * stream sequence — in Flink's checkpoints, with these repairs and what event time needs.
 *
 * <p><b>Splits handed out again after a failure</b>: the connector's enumerator is replaced by
 * {@link JetStreamSplitEnumerator}, so a job that fails over before its first checkpoint reads its
 * stream again instead of nothing.
 *
 * <p><b>A guard against a lost consumer</b>: when nats-server restarts, the reader's ordered
 * consumer may be lost and never recreated, so the job stops reading while the stream keeps
 * filling. The guard notices that nothing has been delivered for {@code stallAfter} although the
 * stream holds newer messages, and fails the reader; Flink restarts it from the last checkpoint,
 * with a new consumer that starts after the checkpointed sequence, so nothing is lost or read
 * twice. It also reports the consumer's lag, the messages of the stream not read yet, as the
 * gauge {@code pangan.inputBacklog}.
 *
 * <p><b>Every connection closed</b>: the connector's reader leaves the connection of its
 * consumers open when it closes; {@link ReaderConnections} closes it, so failovers do not pile up
 * connections on a long-lived TaskManager.
 *
 * <p><b>No waiting on NATS on the task thread</b>: the connector's reader connects and creates
 * its consumer on the task thread, where a slow or absent server delayed checkpoints;
 * {@link NonBlockingReader} makes those calls on a thread of its own.
 *
 * <p><b>Read to the end</b>: every {@code progressInterval} the reader learns where its stream
 * ends ({@link StreamTail}, off the task thread). When it has delivered everything the stream
 * held at that moment, it says so with the record {@link StreamRecords#caughtUp} dated then:
 * every message it delivers later was received later. That is what lets event time move while a
 * stream is quiet, without an idle timeout.
 *
 * @param <T> the records read
 * @param <SplitT> the connector's split, of no concern to users: build with {@link #builder}
 */
public final class GuardedJetStreamSource<T, SplitT extends SourceSplit>
        implements Source<T, SplitT, Collection<SplitT>>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final ConnectorSource<T, SplitT> connector;
    private final StreamRecords<T> records;
    /** How readers connect (credentials resolved on the TaskManager). */
    private final JetStreamConnector connections;
    private final Duration stallAfter;
    private final Duration progressInterval;

    private GuardedJetStreamSource(ConnectorSource<T, SplitT> connector, StreamRecords<T> records, JetStreamConnector connections,
                                   Duration stallAfter, Duration progressInterval) {
        this.connector = connector;
        this.records = records;
        this.connections = connections;
        this.stallAfter = stallAfter;
        this.progressInterval = progressInterval;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<SplitT, Collection<SplitT>> createEnumerator(SplitEnumeratorContext<SplitT> context) {
        return new JetStreamSplitEnumerator<>(context, List.of(connector.split()));
    }

    @Override
    public SplitEnumerator<SplitT, Collection<SplitT>> restoreEnumerator(SplitEnumeratorContext<SplitT> context, Collection<SplitT> checkpoint) {
        return new JetStreamSplitEnumerator<>(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SplitT> getSplitSerializer() {
        return connector.splitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<SplitT>> getEnumeratorCheckpointSerializer() {
        return connector.checkpointSerializer();
    }

    @Override
    public SourceReader<T, SplitT> createReader(SourceReaderContext context) {
        ReaderConnections readerConnections = new ReaderConnections(connections);
        String stream = streamOf(connector.split());
        GuardedReader<T, SplitT> reader = new GuardedReader<>(
                new NonBlockingReader<>(connector.createReader(readerConnections, context), stream),
                connector, records, readerConnections, stallAfter, progressInterval);
        // consumer lag: messages in the stream not yet read (pangan_inputBacklog)
        context.metricGroup().addGroup("pangan").gauge("inputBacklog", reader::backlog);
        return reader;
    }

    /** The name of the stream a split of this source reads. */
    String streamOf(SplitT split) {
        return connector.streamName(split);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return records.getProducedType();
    }

    @Override
    public String toString() {
        return "GuardedJetStreamSource{" + streamOf(connector.split()) + " via " + connections + "}";
    }

    /** A source of one stream: what to read, what its messages become, how to connect, how watchful to be. */
    public static final class Builder<T> {
        private String stream;
        private String subject;
        private StreamRecords<T> records;
        private JetStreamConnector connections;
        private Duration stallAfter;
        private Duration progressInterval;

        private Builder() {}

        /** The stream, and the subject filter of its messages to read ({@code orders.>}). */
        public Builder<T> stream(String streamName, String subjectFilter) {
            this.stream = streamName;
            this.subject = subjectFilter;
            return this;
        }

        public Builder<T> records(StreamRecords<T> streamRecords) {
            this.records = streamRecords;
            return this;
        }

        /** Connect with these servers and credentials, read on the TaskManager; {@code connectionName} shows in the server's connz. */
        public Builder<T> connectWith(NatsConnection nats, String connectionName) {
            this.connections = new CredentialedConnector(nats, connectionName);
            return this;
        }

        /** Connect with a NATS properties file (a mounted secret), read on the TaskManager. */
        public Builder<T> connectWithPropertiesFile(String path) {
            this.connections = SynadiaJetStream.propertiesFile(path);
            return this;
        }

        /** Nothing delivered this long while the stream has newer messages: the consumer is taken as lost. */
        public Builder<T> stallAfter(Duration duration) {
            this.stallAfter = duration;
            return this;
        }

        /** How often to ask where the stream ends (the backlog, the caught-up reports). */
        public Builder<T> progressInterval(Duration interval) {
            this.progressInterval = interval;
            return this;
        }

        public GuardedJetStreamSource<T, ?> build() {
            Objects.requireNonNull(stream, "the stream to read (stream)");
            Objects.requireNonNull(subject, "the subject filter (stream)");
            Objects.requireNonNull(records, "what the messages become (records)");
            Objects.requireNonNull(connections, "how to connect (connectWith or connectWithPropertiesFile)");
            Objects.requireNonNull(stallAfter, "when a consumer is taken as lost (stallAfter)");
            Objects.requireNonNull(progressInterval, "how often to ask where the stream ends (progressInterval)");
            return new GuardedJetStreamSource<>(new SynadiaJetStream<>(stream, subject, records), records, connections, stallAfter, progressInterval);
        }
    }
}
