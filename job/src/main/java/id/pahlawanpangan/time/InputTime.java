package id.pahlawanpangan.time;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.SourceStream;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The watermark strategies of the job: event time is the events' {@code event_time}. */
public final class InputTime {
    private InputTime() {}

    /** For a bounded replay: all three streams in one input, time moves only with the lines. */
    public static WatermarkStrategy<InputEvent> forReplay(long outOfOrdernessMs) {
        return strategy(outOfOrdernessMs, EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS), InputWatermarks.NEVER_IDLE);
    }

    /**
     * For live input of the given streams, whose sources stamp every message with its receive
     * time and report when they have read their stream to the end.
     */
    public static WatermarkStrategy<InputEvent> forLive(long outOfOrdernessMs, Set<SourceStream> streams, long idleAfterMs) {
        return strategy(outOfOrdernessMs, EnumSet.copyOf(streams), idleAfterMs);
    }

    private static WatermarkStrategy<InputEvent> strategy(long boundMs, EnumSet<SourceStream> streams, long idleAfterMs) {
        return WatermarkStrategy.<InputEvent>forGenerator(ctx -> new InputWatermarks(boundMs, streams, idleAfterMs, System::currentTimeMillis))
                .withTimestampAssigner((e, previous) -> e.eventTime);
    }
}
