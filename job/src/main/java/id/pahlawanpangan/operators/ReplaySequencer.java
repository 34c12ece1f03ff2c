package id.pahlawanpangan.operators;

import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.StreamNumbering;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;

/**
 * Numbers the lines of a replay file within their streams, as JetStream numbers live messages.
 * Runs with parallelism 1 behind the file source, in file order; its counters are checkpointed
 * together with the source's position. Blank lines are skipped.
 */
public class ReplaySequencer extends RichFlatMapFunction<String, RawInput> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private transient StreamNumbering numbering;
    private transient ListState<Long> checkpointed;

    @Override
    public void open(OpenContext openContext) {
        if (getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("the replay sequencer numbers one file in order: it must run with parallelism 1");
        }
    }

    @Override
    public void flatMap(String line, Collector<RawInput> out) {
        if (!line.isBlank()) {
            out.collect(numbering.next(line));
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Long> values = new ArrayList<>();
        for (long c : numbering.counters()) {
            values.add(c);
        }
        values.add(numbering.clock());
        checkpointed.update(values);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("stream-counters", Types.LONG));
        List<Long> values = new ArrayList<>();
        checkpointed.get().forEach(values::add);
        if (values.isEmpty()) {
            numbering = new StreamNumbering();
        } else {
            int streams = SourceStream.values().length;
            long[] counters = new long[streams];
            for (int i = 0; i < streams; i++) {
                counters[i] = values.get(i);
            }
            numbering = new StreamNumbering(counters, values.get(streams));
        }
    }
}
