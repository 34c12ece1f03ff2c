package id.pahlawanpangan.live;

import id.pahlawanpangan.connectors.nats.JetStreamStreams;
import id.pahlawanpangan.events.SourceStream;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The JetStream streams of the product, created or brought up to date by the project
 * ({@code pangan streams}, and the live job before it starts), never by hand.
 *
 * <p>The output stream de-duplicates for {@link #OUTPUT_DUPLICATE_WINDOW}: after a failure the
 * job republishes everything since its last checkpoint with the same message ids, and JetStream
 * must still remember them. The window covers a checkpoint interval (10 s), the restart delay
 * and a TaskManager being replaced on Kubernetes (a few minutes when a node is lost), with room
 * to spare; its cost is the ids held in the server's memory, about 900,000 at 1,000 events/s.
 */
public final class PanganStreams {
    public static final Duration OUTPUT_DUPLICATE_WINDOW = Duration.ofMinutes(15);
    /** Producers may set Nats-Msg-Id when they retry a publish; two minutes is NATS's own default. */
    static final Duration INPUT_DUPLICATE_WINDOW = Duration.ofMinutes(2);
    static final Duration RETENTION = Duration.ofDays(7);

    private PanganStreams() {}

    public static List<StreamConfiguration> all(Subjects subjects) {
        return List.of(
                stream(subjects.inputStream(SourceStream.OFFERS), subjects.inputPrefix(SourceStream.OFFERS) + ".>", INPUT_DUPLICATE_WINDOW),
                stream(subjects.inputStream(SourceStream.NGOS), subjects.inputPrefix(SourceStream.NGOS) + ".>", INPUT_DUPLICATE_WINDOW),
                stream(subjects.inputStream(SourceStream.CLAIMS), subjects.inputPrefix(SourceStream.CLAIMS) + ".>", INPUT_DUPLICATE_WINDOW),
                stream(subjects.outputStream(), subjects.outputs() + ".>", OUTPUT_DUPLICATE_WINDOW));
    }

    /** Creates or updates every stream; returns one line per stream saying what it is. */
    public static List<String> ensureAll(Connection nats, Subjects subjects) throws IOException, JetStreamApiException {
        List<String> report = new java.util.ArrayList<>();
        for (StreamConfiguration wanted : all(subjects)) {
            StreamConfiguration c = JetStreamStreams.ensure(nats, wanted);
            report.add(c.getName() + " " + c.getSubjects() + " " + c.getStorageType() + ", kept " + c.getMaxAge()
                    + ", duplicate window " + c.getDuplicateWindow());
        }
        return report;
    }

    private static StreamConfiguration stream(String name, String subjects, Duration duplicateWindow) {
        return StreamConfiguration.builder()
                .name(name)
                .subjects(subjects)
                .storageType(StorageType.File)
                .retentionPolicy(RetentionPolicy.Limits)
                .maxAge(RETENTION)
                .duplicateWindow(duplicateWindow)
                .build();
    }
}
