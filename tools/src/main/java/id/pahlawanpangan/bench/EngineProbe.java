package id.pahlawanpangan.bench;

import id.pahlawanpangan.pipeline.Uids;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The engine's bound on this machine: the least a keyed event lifecycle costs in Flink with our
 * state setup. Per event one {@code ValueState} read and write of a small POJO, one event-time
 * timer deleted and one registered, over many keys; a generated source with event time, a
 * discarding sink. The matching job does at least this much per offer event, so its input
 * events/s set against the probe's say how much of the engine's budget the matching takes.
 */
public final class EngineProbe {
    /** How the probe runs. */
    public static final class Settings {
        public long events = 3_000_000;
        public int keys = 200_000;
        public int parallelism = 2;
    }

    /** Event time advances this much per event: a day's worth of events covers hours. */
    static final long MS_PER_EVENT = 1;
    /**
     * The timer is set this far ahead, as an offer's hold: further than the event time between two
     * events of one key (keys x {@link #MS_PER_EVENT}), so every timer is deleted before it is due,
     * and only the last one of each key fires, when the input ends.
     */
    static final long TIMER_AHEAD_MS = 10 * 60 * 1000;
    static final long WARM_UP_EVENTS = 200_000;

    private final Settings settings;

    public EngineProbe(Settings settings) {
        if (settings.keys * MS_PER_EVENT >= TIMER_AHEAD_MS) {
            throw new IllegalArgumentException("with " + settings.keys + " keys a timer would fire before its key's next event:"
                    + " at most " + (TIMER_AHEAD_MS / MS_PER_EVENT - 1) + " keys");
        }
        this.settings = settings;
    }

    /**
     * Runs the probe once unmeasured, with a tenth of the events (at most {@link #WARM_UP_EVENTS}),
     * so that a measured run does not pay for loading and compiling Flink's code.
     */
    public void warmUp() throws Exception {
        run(Math.min(WARM_UP_EVENTS, settings.events / 10));
    }

    public Measurement run() throws Exception {
        return run(settings.events);
    }

    private Measurement run(long events) throws Exception {
        try (EmbeddedRun run = new EmbeddedRun(settings.parallelism)) {
            StreamExecutionEnvironment env = run.env();
            Uids.required(env);
            DataGeneratorSource<ProbeEvent> source = new DataGeneratorSource<>(new ProbeEvents(settings.keys), events,
                    RateLimiterStrategy.noOp(), ProbeEvent.TYPE);
            env.fromSource(source, WatermarkStrategy.<ProbeEvent>forMonotonousTimestamps().withTimestampAssigner((e, previous) -> e.time),
                            "Probe events")
                    .uid("probe-events")
                    .keyBy(e -> e.key, Types.LONG)
                    .process(new KeyedLifecycle(), Types.LONG)
                    .uid("probe-lifecycle").name("Keyed lifecycle")
                    .sinkTo(new DiscardingSink<>())
                    .uid("probe-discard").name("Discard");
            EmbeddedRun.Timed timed = run.execute("bench: engine probe");
            return new Measurement("engine probe",
                    String.format("ValueState read+write, timer delete+register per event; %,d keys; RocksDB state, heap timers; parallelism %d",
                            settings.keys, settings.parallelism),
                    events, "events", timed.wallSeconds(), timed.cpuSeconds());
        }
    }

    /** An event of the probe: its key and event time. */
    public static class ProbeEvent {
        static final TypeInformation<ProbeEvent> TYPE = Types.POJO(ProbeEvent.class);

        public long key;
        public long time;

        public ProbeEvent() {}
    }

    /** What the probe keeps per key: about an offer's bookkeeping. */
    public static class ProbeState {
        static final TypeInformation<ProbeState> TYPE = Types.POJO(ProbeState.class);

        public long events;
        public long lastTime;
        public long timer;
        public double kg;

        public ProbeState() {}
    }

    /**
     * Event i has key (i x a prime) mod keys: each key once in every {@code keys} events, in a
     * scattered order, and event time i, rising within each reader's share of the sequence.
     */
    static final class ProbeEvents implements GeneratorFunction<Long, ProbeEvent> {
        private static final long serialVersionUID = 1L;
        private static final long STRIDE = 7919;
        private final int keys;

        ProbeEvents(int keys) {
            if (keys % STRIDE == 0) {
                throw new IllegalArgumentException("the number of keys must not be a multiple of " + STRIDE);
            }
            this.keys = keys;
        }

        @Override
        public ProbeEvent map(Long i) {
            ProbeEvent e = new ProbeEvent();
            e.key = (i * STRIDE) % keys;
            e.time = i * MS_PER_EVENT;
            return e;
        }
    }

    /** The lifecycle: read the key's state, move its timer, write the state back. */
    static final class KeyedLifecycle extends KeyedProcessFunction<Long, ProbeEvent, Long> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<ProbeState> state;

        @Override
        public void open(OpenContext openContext) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("probe-state", ProbeState.TYPE));
        }

        @Override
        public void processElement(ProbeEvent e, Context ctx, Collector<Long> out) throws Exception {
            ProbeState s = state.value();
            if (s == null) {
                s = new ProbeState();
            } else {
                ctx.timerService().deleteEventTimeTimer(s.timer);
            }
            s.events++;
            s.lastTime = e.time;
            s.kg += 1.5;
            s.timer = e.time + TIMER_AHEAD_MS;
            ctx.timerService().registerEventTimeTimer(s.timer);
            state.update(s);
            out.collect(e.key);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) throws Exception {
            state.clear();
        }
    }
}
