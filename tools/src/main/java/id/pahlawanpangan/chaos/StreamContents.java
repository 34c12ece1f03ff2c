package id.pahlawanpangan.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the JetStream streams of a deployment hold, read back whole, in stream order. */
final class StreamContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored message. */
    record Stored(String stream, long sequence, String subject, String messageId, long receivedAt, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final Connection nats;
    private final Subjects subjects;

    StreamContents(Connection nats, Subjects subjects) {
        this.nats = nats;
        this.subjects = subjects;
    }

    /** Every message of a stream whose subjects start with {@code prefix}, in sequence order. */
    List<Stored> read(String stream, String prefix) throws Exception {
        long last = nats.jetStreamManagement().getStreamInfo(stream).getStreamState().getLastSequence();
        List<Stored> out = new ArrayList<>();
        JetStreamSubscription sub = nats.jetStream().subscribe(prefix + ".>", PullSubscribeOptions.builder().stream(stream).build());
        try {
            while (out.isEmpty() || out.get(out.size() - 1).sequence() < last) {
                List<Message> batch = sub.fetch(1000, Duration.ofSeconds(5));
                if (batch.isEmpty()) {
                    break;
                }
                for (Message m : batch) {
                    String id = m.getHeaders() == null ? null : m.getHeaders().getFirst("Nats-Msg-Id");
                    out.add(new Stored(stream, m.metaData().streamSequence(), m.getSubject(), id,
                            m.metaData().timestamp().toInstant().toEpochMilli(), m.getData()));
                    m.ack();
                }
            }
        } finally {
            sub.unsubscribe();
        }
        return out;
    }

    List<Stored> output() throws Exception {
        return read(subjects.outputStream(), subjects.outputs());
    }

    /** The replay file written: its lines, and how many arrived later than the bound after their own time. */
    record ReplayInput(int lines, int lateArrivals) {}

    /**
     * The input streams as one replay file: each message as its line with its receive time
     * ({@code received_at}, the server's timestamp the live job used), the streams merged by
     * receive time, each stream's own order kept. An event received more than
     * {@code outOfOrderness} after its own time is counted as a late arrival: the contract lets
     * the job apply it out of order, so a replay need not decide it alike.
     */
    ReplayInput writeReplayInput(Path file, long outOfOrderness) throws Exception {
        List<Stored> all = new ArrayList<>();
        for (SourceStream stream : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
            all.addAll(read(subjects.inputStream(stream), subjects.inputPrefix(stream)));
        }
        // stable: equal receive times keep each stream's sequence order
        all.sort(Comparator.comparingLong(Stored::receivedAt));
        Files.createDirectories(file.toAbsolutePath().getParent());
        int late = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Stored m : all) {
                w.write(withReceiveTime(m));
                w.write('\n');
                if (m.receivedAt() - eventTime(m) > outOfOrderness) {
                    late++;
                }
            }
        }
        return new ReplayInput(all.size(), late);
    }

    private static long eventTime(Stored m) {
        try {
            return Times.parse(JSON.readTree(m.data()).path("event_time").asText());
        } catch (Exception e) {
            return m.receivedAt();
        }
    }

    private static String withReceiveTime(Stored m) {
        try {
            JsonNode node = JSON.readTree(m.data());
            if (node instanceof ObjectNode object) {
                object.put("received_at", Times.format(m.receivedAt()));
                return JSON.writeValueAsString(object);
            }
        } catch (Exception e) {
            // not JSON: the line as it came, which the replay rejects as the job did
        }
        return m.text().replace('\n', ' ');
    }
}
