package id.pahlawanpangan.time;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.SourceStream;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The watermark strategies of the job: event time is the events' {@code event_time}. */
public final class InputTime {
    private InputTime() {}

    /** For a bounded replay: all three streams in one input, time moves only with the events. */
    public static WatermarkStrategy<InputEvent> forReplay(long outOfOrdernessMs) {
        return strategy(outOfOrdernessMs, EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS), null);
    }

    /** For live input of the given streams: time also advances when they are quiet. */
    public static WatermarkStrategy<InputEvent> forLive(long outOfOrdernessMs, Set<SourceStream> streams, InputWatermarks.QuietTime quiet) {
        return strategy(outOfOrdernessMs, EnumSet.copyOf(streams), quiet);
    }

    private static WatermarkStrategy<InputEvent> strategy(long boundMs, EnumSet<SourceStream> streams, InputWatermarks.QuietTime quiet) {
        return WatermarkStrategy.<InputEvent>forGenerator(ctx -> new InputWatermarks(boundMs, streams, quiet, System::currentTimeMillis))
                .withTimestampAssigner((e, previous) -> e.eventTime);
    }
}
