package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.pipeline.MatchingJob;
import id.pahlawanpangan.pipeline.MatchingPipeline;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job's output counted and dropped: what the engine costs without writing anything (no files,
 * no sorting, no sinks' I/O). The count says the engine did decide.
 */
final class CountingOutput implements MatchingJob.Output {
    private static final String COUNTER = "output-events";

    @Override
    public void attach(MatchingPipeline.Outputs outputs) {
        outputs.events()
                .filter(new CountAll())
                .uid("bench-count-output").name("Count output")
                .sinkTo(new DiscardingSink<>())
                .uid("bench-discard-output").name("Discard output");
    }

    /** The output events counted in a finished run. */
    static long count(JobExecutionResult result) {
        Long count = result.getAccumulatorResult(COUNTER);
        return count == null ? 0 : count;
    }

    /** Counts every event and lets none through: the sink has nothing to do. */
    private static final class CountAll extends RichFilterFunction<MatchEvent> {
        private static final long serialVersionUID = 1L;
        private transient LongCounter events;

        @Override
        public void open(OpenContext openContext) {
            events = getRuntimeContext().getLongCounter(COUNTER);
        }

        @Override
        public boolean filter(MatchEvent e) {
            events.add(1);
            return false;
        }
    }
}
