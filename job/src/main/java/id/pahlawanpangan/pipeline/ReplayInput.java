package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.operators.EventTypes;
import id.pahlawanpangan.operators.ReplaySequencer;
import id.pahlawanpangan.time.InputTime;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A bounded replay file (one input event per line, all streams together) as the job's input.
 * It is read in order by one reader, whose lines are numbered within their streams.
 */
public final class ReplayInput implements MatchingJob.Input {
    private final String file;

    public ReplayInput(java.nio.file.Path file) {
        this.file = file.toAbsolutePath().toUri().toString();
    }

    @Override
    public DataStream<RawInput> open(StreamExecutionEnvironment env) {
        FileSource<String> lines = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(file)).build();
        return env.fromSource(lines, WatermarkStrategy.noWatermarks(), "Replay file")
                .uid(Uids.REPLAY_FILE).setParallelism(1)
                .flatMap(new ReplaySequencer(), EventTypes.RAW_INPUT)
                .uid(Uids.REPLAY_SEQUENCER).name("Number replay lines").setParallelism(1);
    }

    @Override
    public WatermarkStrategy<InputEvent> watermarks(Configuration config) {
        return InputTime.forReplay(config.get(MatchingOptions.OUT_OF_ORDERNESS).toMillis());
    }
}
