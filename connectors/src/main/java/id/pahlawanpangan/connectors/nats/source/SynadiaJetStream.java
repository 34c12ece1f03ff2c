package id.pahlawanpangan.connectors.nats.source;

import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.synadia.flink.message.SourceConverter;
import io.synadia.flink.source.AckBehavior;
import io.synadia.flink.source.JetStreamSubjectConfiguration;
import io.synadia.flink.source.reader.JetStreamSourceReader;
import io.synadia.flink.source.split.JetStreamCheckpointSerializer;
import io.synadia.flink.source.split.JetStreamSplit;
import io.synadia.flink.source.split.JetStreamSplitSerializer;
import io.synadia.flink.utils.ConnectionContext;
import io.synadia.flink.utils.ConnectionFactory;
import io.synadia.flink.utils.Constants;
import io.synadia.flink.utils.PropertiesUtils;
import java.io.IOException;
import java.util.Collection;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The one class that knows io.synadia flink-connector-nats (2.1.4) beyond its public API: its
 * reader, its split and the split's fields, its serializers, its connection factory. An upgrade
 * of the connector changes this file and no other.
 *
 * <p>What it relies on, checked against 2.1.4: the reader's {@code start} and {@code addSplits}
 * connect and create the stream's ordered consumer (waiting on NATS), {@code pollNext} only takes
 * messages from a queue that the consumer's threads fill, and it marks each emitted message on
 * the split object it was given ({@code lastEmittedStreamSequence}); the split's id is a checksum
 * of the subject configuration, so the configuration built here must stay what it was for
 * savepoints to find their splits. No acknowledgements (NoAck): the position lives in Flink's
 * checkpoints, not in a JetStream consumer, so the reader never publishes from {@code
 * notifyCheckpointComplete}.
 */
final class SynadiaJetStream<T> implements ConnectorSource<T, JetStreamSplit> {
    private static final long serialVersionUID = 1L;

    private final JetStreamSubjectConfiguration subjectConfig;
    private final StreamRecords<T> records;

    SynadiaJetStream(String stream, String subject, StreamRecords<T> records) {
        this.subjectConfig = JetStreamSubjectConfiguration.builder()
                .streamName(stream)
                .subject(subject)
                .ackBehavior(AckBehavior.NoAck)
                .build();
        this.records = records;
    }

    @Override
    public JetStreamSplit split() {
        return new JetStreamSplit(subjectConfig);
    }

    @Override
    public SimpleVersionedSerializer<JetStreamSplit> splitSerializer() {
        return new JetStreamSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<JetStreamSplit>> checkpointSerializer() {
        return new JetStreamCheckpointSerializer();
    }

    @Override
    public SourceReader<T, JetStreamSplit> createReader(JetStreamConnector connections, SourceReaderContext context) {
        return new JetStreamSourceReader<>(Boundedness.CONTINUOUS_UNBOUNDED, new Converter<>(records), new Factory(connections), context);
    }

    @Override
    public String streamName(JetStreamSplit split) {
        return split.subjectConfig.streamName;
    }

    @Override
    public long position(JetStreamSplit split) {
        return Math.max(0, split.lastEmittedStreamSequence.get());
    }

    /**
     * Connects with a NATS properties file (a mounted secret), read where the connection is made,
     * as the connector's own factory reads it: jnats options from the properties, no reconnects,
     * and the JetStream API's prefix or domain from {@code jso_prefix} or {@code jso_domain}.
     */
    static JetStreamConnector propertiesFile(String path) {
        return new PropertiesFileConnector(path);
    }

    /** The records' conversion as the connector's reader wants it. */
    private static final class Converter<T> implements SourceConverter<T> {
        private static final long serialVersionUID = 1L;

        private final StreamRecords<T> records;

        Converter(StreamRecords<T> records) {
            this.records = records;
        }

        @Override
        public T convert(Message message) {
            return records.fromMessage(message);
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return records.getProducedType();
        }
    }

    /** Our connector as the connector's reader wants it; made on the TaskManager, never shipped. */
    private static final class Factory extends ConnectionFactory {
        private static final long serialVersionUID = 1L;

        private final JetStreamConnector connector;

        Factory(JetStreamConnector connector) {
            // no properties: every connection is opened by the connector
            super((Properties) null);
            this.connector = connector;
        }

        @Override
        public ConnectionContext getConnectionContext() throws IOException {
            JetStreamConnection c = connector.connect();
            return new ConnectionContext(c.connection(), c.options());
        }
    }

    private static final class PropertiesFileConnector implements JetStreamConnector {
        private static final long serialVersionUID = 1L;

        private final String path;

        PropertiesFileConnector(String path) {
            this.path = path;
        }

        @Override
        public JetStreamConnection connect() throws IOException {
            Properties properties = PropertiesUtils.loadPropertiesFromFile(path);
            try {
                return new JetStreamConnection(Nats.connect(Options.builder().properties(properties).maxReconnects(0).build()),
                        jetStreamOptions(properties));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to NATS with " + path, e);
            }
        }

        private static JetStreamOptions jetStreamOptions(Properties properties) {
            JetStreamOptions.Builder b = JetStreamOptions.builder();
            String prefix = PropertiesUtils.getStringProperty(properties, Constants.JSO_PREFIX);
            String domain = PropertiesUtils.getStringProperty(properties, Constants.JSO_DOMAIN);
            if (prefix != null) {
                b.prefix(prefix);
            } else if (domain != null) {
                b.domain(domain);
            }
            return b.build();
        }

        @Override
        public String toString() {
            return "NATS properties file " + path;
        }
    }
}
