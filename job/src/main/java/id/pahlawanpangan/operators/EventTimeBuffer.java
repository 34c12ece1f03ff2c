package id.pahlawanpangan.operators;

import id.pahlawanpangan.events.InputEvent;
import java.util.Arrays;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's input events until the watermark passes their time, so that they are applied in
 * the contract's order (time, type, stream position) whatever order they arrived in. One event
 * time timer per distinct event time releases them.
 */
final class EventTimeBuffer {
    private static final InputEvent[] NONE = new InputEvent[0];

    private final MapState<Long, InputEvent[]> pending;

    EventTimeBuffer(MapState<Long, InputEvent[]> pending) {
        this.pending = pending;
    }

    /** Whether the event is later than the watermark: it cannot be ordered any more. */
    static boolean isLate(InputEvent e, TimerService timers) {
        return e.eventTime <= timers.currentWatermark();
    }

    void add(InputEvent e, TimerService timers) throws Exception {
        InputEvent[] atTime = pending.get(e.eventTime);
        InputEvent[] grown = atTime == null ? new InputEvent[1] : Arrays.copyOf(atTime, atTime.length + 1);
        grown[grown.length - 1] = e;
        pending.put(e.eventTime, grown);
        timers.registerEventTimeTimer(e.eventTime);
    }

    boolean holdsEventsAt(long time) throws Exception {
        return pending.contains(time);
    }

    /** Removes and returns the events of that time, in the contract's order. */
    InputEvent[] takeInOrder(long time) throws Exception {
        InputEvent[] atTime = pending.get(time);
        if (atTime == null) {
            return NONE;
        }
        pending.remove(time);
        Arrays.sort(atTime, InputEvent::compareAtEqualTime);
        return atTime;
    }
}
