package id.pahlawanpangan.compat;

import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.StreamNumbering;
import id.pahlawanpangan.operators.EventTypes;
import id.pahlawanpangan.pipeline.MatchingPipeline;
import id.pahlawanpangan.pipeline.Replay;
import id.pahlawanpangan.time.InputTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;

/**
 * The job whose savepoints are kept as fixtures of the state layout: the matching pipeline with
 * its production uids, fed a fixed list of input lines at a steady rate, writing its output
 * events as lines into a directory. Its own source and sink have uids of their own.
 */
final class FixtureJob {
    static final String SOURCE_UID = "fixture-input";
    static final String SINK_UID = "fixture-output";

    private FixtureJob() {}

    static Configuration configuration() {
        return new Configuration(Replay.defaults());
    }

    static void wire(StreamExecutionEnvironment env, Configuration config, List<String> lines, int perSecond, Path outputDir) {
        DataGeneratorSource<RawInput> source = new DataGeneratorSource<>(new Lines(lines), lines.size(),
                RateLimiterStrategy.perSecond(perSecond), EventTypes.RAW_INPUT);
        var raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "Fixture input").uid(SOURCE_UID).setParallelism(1);
        new MatchingPipeline(config).decide(raw, InputTime.forReplay(500)).events()
                .sinkTo(new LinesSink(outputDir.toString())).uid(SINK_UID).name("Fixture output");
    }

    /** The n-th line, numbered within its stream as a replay numbers it. */
    private static final class Lines implements GeneratorFunction<Long, RawInput> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> lines;
        private transient List<RawInput> inputs;

        Lines(List<String> lines) {
            this.lines = new ArrayList<>(lines);
        }

        @Override
        public RawInput map(Long index) {
            if (inputs == null) {
                StreamNumbering numbering = new StreamNumbering();
                inputs = new ArrayList<>();
                lines.forEach(l -> inputs.add(numbering.next(l)));
            }
            return inputs.get(index.intValue());
        }
    }

    /** Appends each event as a line to a file of its subtask; stateless, so restores need nothing of it. */
    static final class LinesSink implements Sink<MatchEvent> {
        private static final long serialVersionUID = 1L;
        private final String dir;

        LinesSink(String dir) {
            this.dir = dir;
        }

        @Override
        @Deprecated
        public SinkWriter<MatchEvent> createWriter(InitContext context) {
            return writer(context.getSubtaskId());
        }

        @Override
        public SinkWriter<MatchEvent> createWriter(WriterInitContext context) {
            return writer(context.getTaskInfo().getIndexOfThisSubtask());
        }

        private SinkWriter<MatchEvent> writer(int subtask) {
            Path file = Path.of(dir, "part-" + subtask + "-" + System.nanoTime());
            return new SinkWriter<>() {
                @Override
                public void write(MatchEvent e, Context context) {
                    try {
                        Files.writeString(file, MatchEventJson.write(e) + "\n", StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static List<String> outputLines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
