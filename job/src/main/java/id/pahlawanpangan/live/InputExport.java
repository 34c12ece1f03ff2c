package id.pahlawanpangan.live;

import id.pahlawanpangan.events.ExportedMessage;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The input streams' messages received in a time range, as a replay file of {@linkplain
 * ExportedMessage exported messages}: each made into the job's raw input by the live source's own
 * conversion, then merged by receive time (each stream's order kept), which is how the live job
 * met them. A replay of the file decides as the live job did for the inputs in the range.
 *
 * <p>What it does not carry: inputs received before the range that the range's inputs refer to
 * (a claim on an offer posted earlier is {@code unknown_offer} to a replay that starts later), and
 * the moments the live job's sources caught up with their streams, which only move its watermarks
 * sooner than a replay's.
 */
public final class InputExport {
    /** Per stream: messages written, and the first and last stream sequence among them. */
    public record StreamRange(String stream, int messages, long firstSeq, long lastSeq) {}

    private static final int BATCH = 1000;

    private final Connection nats;
    private final Subjects subjects;

    public InputExport(Connection nats, Subjects subjects) {
        this.nats = nats;
        this.subjects = subjects;
    }

    /** Writes the messages received in [{@code from}, {@code to}) to {@code file}. */
    public Map<SourceStream, StreamRange> write(long from, long to, Path file) throws Exception {
        if (to <= from) {
            throw new IllegalArgumentException("the range is empty: --to " + Times.format(to) + " is not after --from " + Times.format(from));
        }
        Map<SourceStream, List<Exported>> byStream = new EnumMap<>(SourceStream.class);
        Map<SourceStream, StreamRange> ranges = new EnumMap<>(SourceStream.class);
        for (SourceStream stream : List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS)) {
            List<Exported> messages = read(stream, from, to);
            byStream.put(stream, messages);
            ranges.put(stream, new StreamRange(subjects.inputStream(stream), messages.size(),
                    messages.isEmpty() ? 0 : messages.get(0).raw.seq, messages.isEmpty() ? 0 : messages.get(messages.size() - 1).raw.seq));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            mergeByReceiveTime(byStream, w);
        }
        return ranges;
    }

    private record Exported(RawInput raw, String subject) {}

    /** One stream's messages in the range, in sequence order, from a consumer of our own that starts at {@code from}. */
    private List<Exported> read(SourceStream stream, long from, long to) throws Exception {
        String name = subjects.inputStream(stream);
        long last = nats.jetStreamManagement().getStreamInfo(name).getStreamState().getLastSequence();
        List<Exported> out = new ArrayList<>();
        if (last == 0) {
            return out;
        }
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.ByStartTime)
                .startTime(Instant.ofEpochMilli(from).atZone(ZoneOffset.UTC))
                .ackPolicy(AckPolicy.None) // reading leaves the stream as it was
                .inactiveThreshold(Duration.ofMinutes(1))
                .build();
        NatsRawInputConverter convert = new NatsRawInputConverter(stream);
        JetStreamSubscription sub = nats.jetStream().subscribe(subjects.inputPrefix(stream) + ".>",
                PullSubscribeOptions.builder().stream(name).configuration(consumer).build());
        try {
            while (true) {
                List<Message> batch = sub.fetch(BATCH, Duration.ofSeconds(2));
                if (batch.isEmpty()) {
                    return out; // nothing more received yet
                }
                for (Message m : batch) {
                    RawInput raw = convert.fromMessage(m);
                    if (raw.receivedAt >= to) {
                        return out;
                    }
                    out.add(new Exported(raw, m.getSubject()));
                    if (raw.seq >= last) {
                        return out; // the stream's end when the export began: what comes later is not waited for
                    }
                }
            }
        } finally {
            sub.unsubscribe();
        }
    }

    /** The three streams merged by receive time; at equal times offers, then NGOs, then claims, each in its own order. */
    private static void mergeByReceiveTime(Map<SourceStream, List<Exported>> byStream, BufferedWriter w) throws IOException {
        List<List<Exported>> streams = new ArrayList<>(byStream.values());
        int[] next = new int[streams.size()];
        while (true) {
            int pick = -1;
            for (int i = 0; i < streams.size(); i++) {
                if (next[i] < streams.get(i).size()
                        && (pick < 0 || streams.get(i).get(next[i]).raw.receivedAt < streams.get(pick).get(next[pick]).raw.receivedAt)) {
                    pick = i;
                }
            }
            if (pick < 0) {
                return;
            }
            Exported m = streams.get(pick).get(next[pick]++);
            w.write(ExportedMessage.line(m.raw, m.subject));
            w.write('\n');
        }
    }
}
