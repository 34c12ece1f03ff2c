package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.SourceStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Replay output: the job writes its events, with their causes, into part files of a work
 * directory (Flink's file sink, committed at checkpoints and at the end of input); when the job
 * has finished, {@link #collect} reads them back in decision order.
 */
final class ReplayOutput implements MatchingJob.Output {
    static final String UID = "replay-output";

    private final Path workDir;

    ReplayOutput(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public void attach(MatchingPipeline.Outputs outputs) {
        DataStream<MatchEvent> events = outputs.events();
        FileSink<MatchEvent> sink = FileSink
                .forRowFormat(new org.apache.flink.core.fs.Path(workDir.toUri()), new CauseAndEvent())
                .build();
        events.sinkTo(sink).uid(UID).name("Replay output");
    }

    /** Every event written, in {@link MatchEvent#DECISION_ORDER}. */
    List<MatchEvent> collect() throws IOException {
        List<MatchEvent> events = new ArrayList<>();
        List<Path> parts;
        try (Stream<Path> files = Files.walk(workDir)) {
            // committed part files only: in-progress and pending ones start with a dot
            parts = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
        for (Path part : parts) {
            for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    events.add(CauseAndEvent.decode(line));
                }
            }
        }
        events.sort(MatchEvent.DECISION_ORDER);
        return events;
    }

    /** One line per event: its cause (rank, stream, position, index), a tab, its JSON. */
    static final class CauseAndEvent implements Encoder<MatchEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void encode(MatchEvent e, java.io.OutputStream out) throws IOException {
            String stream = e.causeStream == null ? "" : e.causeStream.name();
            String line = e.causeRank + "," + stream + "," + e.causeSeq + "," + e.causeIndex + "\t" + MatchEventJson.write(e) + "\n";
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }

        static MatchEvent decode(String line) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new UncheckedIOException(new IOException("not a replay output line: " + line));
            }
            String[] cause = line.substring(0, tab).split(",", -1);
            MatchEvent e = MatchEventJson.read(line.substring(tab + 1));
            e.causeRank = Integer.parseInt(cause[0]);
            e.causeStream = cause[1].isEmpty() ? null : SourceStream.valueOf(cause[1]);
            e.causeSeq = Long.parseLong(cause[2]);
            e.causeIndex = Integer.parseInt(cause[3]);
            return e;
        }
    }
}
