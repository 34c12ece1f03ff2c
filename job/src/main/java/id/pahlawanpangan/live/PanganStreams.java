package id.pahlawanpangan.live;

import id.pahlawanpangan.connectors.nats.JetStreamStreams;
import id.pahlawanpangan.connectors.nats.NatsErrors;
import id.pahlawanpangan.events.SourceStream;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JetStream streams of the product, created or brought up to date by an operator's
 * {@code pangan streams} (a NATS user that may manage streams), never by hand and never by the
 * job, whose user may only read their state ({@link #requireAll}).
 *
 * <p>The output stream de-duplicates for {@link #OUTPUT_DUPLICATE_WINDOW}: after a failure the
 * job republishes everything since its last checkpoint with the same message ids, and JetStream
 * must still remember them. The window covers a checkpoint interval (10 s), the restart delay
 * and a TaskManager being replaced on Kubernetes (a few minutes when a node is lost), with room
 * to spare; its cost is the ids held in the server's memory, about 900,000 at 1,000 events/s.
 *
 * <p><b>Bounded storage</b>: no publisher can fill the disk for everyone.
 * <ul>
 *   <li>An input message is at most {@link #INPUT_MESSAGE_FACTOR} x {@code input.max-payload-bytes}
 *   (64 KiB by default): a little oversized payload still reaches the job and becomes its
 *   {@code payload_too_large} dead letter; a larger one is refused to its publisher when published.
 *   <li>Each publisher's subject holds at most {@link #MESSAGES_PER_PUBLISHER} messages and is then
 *   refused more (discard new, per subject) until its oldest age out: a flooding app uses up its
 *   own quota (at most about 3 GiB), not the others' room, and loses nothing already accepted.
 *   <li>Each input stream holds at most {@code nats.input-stream-max-bytes} (1 GiB), the output
 *   stream {@code nats.output-stream-max-bytes} (2 GiB); both keep 7 days ({@link StreamLimits}:
 *   JetStream reserves them in the server's store). When the output stream is full it drops its
 *   oldest messages: refusing the job's publishes would stop every decision.
 * </ul>
 */
public final class PanganStreams {
    public static final Duration OUTPUT_DUPLICATE_WINDOW = Duration.ofMinutes(15);
    /** Producers may set Nats-Msg-Id when they retry a publish; two minutes is NATS's own default. */
    static final Duration INPUT_DUPLICATE_WINDOW = Duration.ofMinutes(2);
    static final Duration RETENTION = Duration.ofDays(7);
    static final int INPUT_MESSAGE_FACTOR = 4;
    /** JetStream's "insufficient storage resources available". */
    static final int INSUFFICIENT_STORAGE = 10047;
    /** About 300 messages an hour for a week: far above what one restaurant or food bank sends. */
    public static final long MESSAGES_PER_PUBLISHER = 50_000;

    private PanganStreams() {}

    /** The streams, with these limits. */
    public static List<StreamConfiguration> all(Subjects subjects, StreamLimits limits) {
        List<StreamConfiguration> streams = new ArrayList<>();
        for (SourceStream s : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
            streams.add(StreamConfiguration.builder()
                    .name(subjects.inputStream(s))
                    .subjects(subjects.inputPrefix(s) + ".>")
                    .storageType(StorageType.File)
                    .retentionPolicy(RetentionPolicy.Limits)
                    .maxAge(RETENTION)
                    .duplicateWindow(INPUT_DUPLICATE_WINDOW)
                    .maxMsgSize(INPUT_MESSAGE_FACTOR * limits.maxPayloadBytes())
                    .maxMessagesPerSubject(MESSAGES_PER_PUBLISHER)
                    .maxBytes(limits.inputStreamBytes())
                    .discardPolicy(DiscardPolicy.New)
                    .discardNewPerSubject(true)
                    .build());
        }
        streams.add(StreamConfiguration.builder()
                .name(subjects.outputStream())
                .subjects(subjects.outputs() + ".>")
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(RETENTION)
                .duplicateWindow(OUTPUT_DUPLICATE_WINDOW)
                .maxBytes(limits.outputStreamBytes())
                .discardPolicy(DiscardPolicy.Old)
                .build());
        return streams;
    }

    /** Creates or updates every stream; returns one line per stream saying what it is. */
    public static List<String> ensureAll(Connection nats, Subjects subjects, StreamLimits limits) throws Exception {
        List<String> report = new ArrayList<>();
        for (StreamConfiguration wanted : all(subjects, limits)) {
            StreamConfiguration c;
            try {
                c = JetStreamStreams.ensure(nats, wanted);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == INSUFFICIENT_STORAGE) {
                    throw new IllegalStateException("nats-server cannot reserve " + wanted.getMaxBytes() + " bytes for stream " + wanted.getName()
                            + " in its store (JetStream reserves a stream's byte limit when it is created, beside every other stream's): lower "
                            + "nats.input-stream-max-bytes / nats.output-stream-max-bytes (pangan streams --input-stream-max-bytes ...), "
                            + "or give the server a larger store (jetstream.max_file_store)", e);
                }
                throw NatsErrors.explained(nats, e);
            } catch (IOException e) {
                throw NatsErrors.explained(nats, e);
            }
            report.add(c.getName() + " " + c.getSubjects() + " " + c.getStorageType() + ", kept " + c.getMaxAge()
                    + ", duplicate window " + c.getDuplicateWindow() + ", at most " + c.getMaxBytes() + " bytes"
                    + (c.getMaxMsgSize() > 0 ? ", " + c.getMaxMsgSize() + " bytes a message" : "")
                    + (c.getMaxMsgsPerSubject() > 0 ? ", " + c.getMaxMsgsPerSubject() + " messages a publisher" : "")
                    + ", discard " + c.getDiscardPolicy());
        }
        return report;
    }

    /**
     * What the job checks before it starts, with only the rights it runs with: every stream
     * exists, and the output stream remembers message ids long enough for exactly-once.
     */
    public static void requireAll(Connection nats, Subjects subjects) throws Exception {
        for (StreamConfiguration wanted : all(subjects, StreamLimits.defaults())) {
            try {
                if (!JetStreamStreams.exists(nats, wanted.getName())) {
                    throw new IllegalStateException("JetStream stream " + wanted.getName() + " does not exist: create the streams with `pangan streams --namespace "
                            + subjects.namespace() + "` as a NATS user that may manage streams (docs/SECURITY.md)");
                }
            } catch (IOException | JetStreamApiException e) {
                throw NatsErrors.explained(nats, e);
            }
        }
        try {
            JetStreamStreams.requireDuplicateWindow(nats, subjects.outputStream(), OUTPUT_DUPLICATE_WINDOW);
        } catch (IOException | JetStreamApiException e) {
            throw NatsErrors.explained(nats, e);
        }
    }
}
