package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.RawInput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The matching job: its input and output are given to it, so the same job runs on a replay file,
 * on NATS and PostGIS, or on whatever a test injects.
 */
public final class MatchingJob {
    public static final String NAME = "Pahlawan Pangan matching";

    /** Where the raw input messages come from, and how event time is tracked on them. */
    public interface Input {
        DataStream<RawInput> open(StreamExecutionEnvironment env);

        WatermarkStrategy<InputEvent> watermarks(Configuration config);
    }

    /** Where the output goes. */
    public interface Output {
        void attach(MatchingPipeline.Outputs outputs);
    }

    private final Configuration config;
    private final Input input;
    private final Output output;

    public MatchingJob(Configuration config, Input input, Output output) {
        this.config = config;
        this.input = input;
        this.output = output;
    }

    /** Adds the job's operators to the environment; the caller executes it. */
    public void wire(StreamExecutionEnvironment env) {
        DataStream<RawInput> raw = input.open(env);
        output.attach(new MatchingPipeline(config).decide(raw, input.watermarks(config)));
    }
}
