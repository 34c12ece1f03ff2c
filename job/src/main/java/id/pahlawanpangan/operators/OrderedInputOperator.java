package id.pahlawanpangan.operators;

import id.pahlawanpangan.events.InputEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * A keyed stage that applies its input events in the contract's order (section 2): by event
 * time, at equal time by type and stream position, and each after every timer of its key due at
 * or before its time. An event waits until the watermark passes its time; one that arrives after
 * that is late: it is applied at once, and counted.
 *
 * <p>Waiting events are kept in memory, in one time-ordered buffer for all the keys of the
 * subtask, and released as the watermark passes them, interleaved with the timer service: before
 * the events of time t are applied, every timer due at or before t has fired. Keeping them in
 * keyed state, as earlier builds did, cost four state accesses, two serialisations and a timer
 * per event in each keyed stage: the larger part of the job's work. The buffer holds what arrived
 * within the watermark's lag, which the receive-time check bounds (no live event is dated more
 * than {@code input.max-clock-skew} after its arrival). It is checkpointed as union list state;
 * a subtask that restores takes from it the events of its own key groups, at any parallelism.
 *
 * <p>Savepoints of earlier builds hold their waiting events in keyed state ({@code
 * pending-inputs}), each with a timer: restoring one moves them into the buffer. Their timers
 * then fire with nothing to do.
 */
public abstract class OrderedInputOperator<K, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<InputEvent, OUT>, Triggerable<K, VoidNamespace> {
    private static final long serialVersionUID = 1L;

    /** The timer service's name: that of Flink's KeyedProcessOperator, so earlier savepoints' timers restore. */
    private static final String TIMERS = "user-timers";
    private static final ListStateDescriptor<InputEvent> WAITING =
            new ListStateDescriptor<>("waiting-inputs", EventTypes.INPUT_EVENT);

    private transient TreeMap<Long, List<InputEvent>> waiting;
    private transient int waitingCount;
    private transient ListState<InputEvent> savedWaiting;
    private transient TimestampedCollector<OUT> out;
    private transient TimerService timerService;
    private transient Counter lateEvents;

    protected OrderedInputOperator() {
        // as Flink's own keyed process operator: what follows may chain to it
        this.chainingStrategy = ChainingStrategy.ALWAYS;
    }

    /** The key of an event: the one the stream is keyed by. */
    protected abstract K keyOf(InputEvent e);

    /** Applies one event, in order (or late); the current key is the event's. */
    protected abstract void apply(InputEvent e) throws Exception;

    /** A timer of the current key is due. */
    protected void onTimer(long time) throws Exception {}

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        waiting = new TreeMap<>();
        waitingCount = 0;
        savedWaiting = context.getOperatorStateStore().getUnionListState(WAITING);
        TaskInfo task = getRuntimeContext().getTaskInfo();
        int keyGroups = task.getMaxNumberOfParallelSubtasks();
        KeyGroupRange mine = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                keyGroups, task.getNumberOfParallelSubtasks(), task.getIndexOfThisSubtask());
        for (InputEvent e : savedWaiting.get()) {
            // union state: every subtask sees every subtask's events, and keeps its own
            if (mine.contains(KeyGroupRangeAssignment.assignToKeyGroup(keyOf(e), keyGroups))) {
                hold(e);
            }
        }
        moveKeyedWaitingEvents();
    }

    @Override
    public void open() throws Exception {
        super.open();
        InternalTimerService<VoidNamespace> timers = getInternalTimerService(TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        timerService = new SimpleTimerService(timers);
        out = new TimestampedCollector<>(output);
        lateEvents = getMetricGroup().addGroup(PanganMetrics.GROUP).counter("lateEvents");
    }

    @Override
    public void processElement(StreamRecord<InputEvent> record) throws Exception {
        InputEvent e = record.getValue();
        if (e.eventTime <= timerService.currentWatermark()) {
            // it can no longer be ordered among its peers: applied now, and counted
            lateEvents.inc();
            out.setAbsoluteTimestamp(e.eventTime);
            apply(e);
        } else {
            hold(e);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long to = mark.getTimestamp();
        Map.Entry<Long, List<InputEvent>> first;
        while ((first = waiting.firstEntry()) != null && first.getKey() <= to) {
            waiting.pollFirstEntry();
            long time = first.getKey();
            // the timers due at or before this time fire before its events
            getTimeServiceManager().orElseThrow().advanceWatermark(new Watermark(time));
            List<InputEvent> events = first.getValue();
            events.sort(InputEvent::compareAtEqualTime);
            waitingCount -= events.size();
            out.setAbsoluteTimestamp(time);
            for (InputEvent e : events) {
                setCurrentKey(keyOf(e));
                apply(e);
            }
        }
        super.processWatermark(mark);
    }

    @Override
    public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
        out.setAbsoluteTimestamp(timer.getTimestamp());
        onTimer(timer.getTimestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) {
        throw new IllegalStateException("no processing time timer is ever registered");
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<InputEvent> all = new ArrayList<>(waitingCount);
        waiting.values().forEach(all::addAll);
        savedWaiting.update(all);
    }

    /** The current key's timers, in event time. */
    protected final TimerService timers() {
        return timerService;
    }

    protected final void emit(OUT value) {
        out.collect(value);
    }

    /** Emits to a side output, with the time of the event or timer being handled. */
    protected final <X> void emit(OutputTag<X> tag, X value, long time) {
        output.collect(tag, new StreamRecord<>(value, time));
    }

    /** Events waiting for the watermark, for tests and gauges. */
    final int waitingEvents() {
        return waitingCount;
    }

    private void hold(InputEvent e) {
        waiting.computeIfAbsent(e.eventTime, t -> new ArrayList<>()).add(e);
        waitingCount++;
    }

    /** Events an earlier build kept waiting in keyed state move into the buffer. */
    @SuppressWarnings("unchecked")
    private void moveKeyedWaitingEvents() throws Exception {
        MapState<Long, InputEvent[]> keyed = getKeyedStateBackend().getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, StateTypes.pendingInputs());
        List<K> keys;
        try (Stream<K> withWaiting = (Stream<K>) (Stream<?>) getKeyedStateBackend().getKeys(StateTypes.pendingInputs().getName(), VoidNamespace.INSTANCE)) {
            keys = withWaiting.toList();
        }
        for (K key : keys) {
            setCurrentKey(key);
            for (InputEvent[] atTime : keyed.values()) {
                for (InputEvent e : atTime) {
                    hold(e);
                }
            }
            keyed.clear();
        }
    }
}
