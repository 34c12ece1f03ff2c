package id.pahlawanpangan.connectors.nats.source;

import java.io.Serializable;
import java.util.Collection;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * What the repairs of {@link GuardedJetStreamSource} need of the JetStream source connector
 * underneath, for one stream. {@link SynadiaJetStream} is the one implementation; the split type
 * is left open so that no other class names the connector's internal classes.
 *
 * @param <T> the records read
 * @param <SplitT> the connector's split: the stream, and how far it has been read
 */
interface ConnectorSource<T, SplitT extends SourceSplit> extends Serializable {
    /** The stream's split as a first start hands it out: nothing read yet. */
    SplitT split();

    /** The connector's own format of a split in a reader's checkpoint (savepoints depend on it). */
    SimpleVersionedSerializer<SplitT> splitSerializer();

    /** The connector's own format of the enumerator's checkpoint (savepoints depend on it). */
    SimpleVersionedSerializer<Collection<SplitT>> checkpointSerializer();

    /**
     * The connector's reader, opening its connections with {@code connections}. Its {@code start},
     * {@code addSplits} and {@code notifyCheckpointComplete} may wait on NATS.
     */
    SourceReader<T, SplitT> createReader(JetStreamConnector connections, SourceReaderContext context);

    /** The name of the stream the split reads. */
    String streamName(SplitT split);

    /** The stream sequence of the last message the reader holding the split emitted; 0 before the first. */
    long position(SplitT split);
}
