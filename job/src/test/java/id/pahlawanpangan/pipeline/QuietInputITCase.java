package id.pahlawanpangan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.operators.EventTypes;
import id.pahlawanpangan.testing.Fixtures;
import id.pahlawanpangan.time.InputTime;
import java.util.EnumSet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract section 2: time advances when inputs are quiet. Live input posts an offer and then
 * says nothing valid any more (only unreadable messages, which never move event time); the hold
 * must still end within a few seconds of its due time by the wall clock.
 */
class QuietInputITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReplayClusterSupport.cluster();

    /** One NGO and one offer stamped with the wall clock, then only noise. */
    private static final class LiveThenQuiet implements GeneratorFunction<Long, RawInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public RawInput map(Long index) {
            long now = System.currentTimeMillis();
            Fixtures f = new Fixtures();
            if (index == 0) {
                return new RawInput(SourceStream.NGOS, 0, null, InputEventJson.write(f.ngo("ngo-a").availableAt(now - 1000)), now);
            }
            if (index == 1) {
                var offer = f.offer("o1").postedAt(now).expiresAt(now + Fixtures.HOUR).posted();
                return new RawInput(SourceStream.OFFERS, 0, null, InputEventJson.write(offer), now);
            }
            return new RawInput(SourceStream.UNROUTED, index, null, "not an event", now);
        }
    }

    @Test
    void aHoldEndsWithinSecondsOfItsDueTimeWhenNoInputArrives() throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        config.setString("match.claim-window", "3 s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);

        DataGeneratorSource<RawInput> live = new DataGeneratorSource<>(
                new LiveThenQuiet(), 600, RateLimiterStrategy.perSecond(10), EventTypes.RAW_INPUT);
        DataStream<RawInput> raw = env.fromSource(live, WatermarkStrategy.noWatermarks(), "Live then quiet").setParallelism(1);
        DataStream<MatchEvent> decisions = new MatchingPipeline(config).decide(raw, InputTime.forLive(
                config.get(MatchingOptions.OUT_OF_ORDERNESS).toMillis(),
                // the streams this source carries; a live job has one generator per source and stream
                EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS),
                MatchingOptions.quietTime(config))).events();

        // measured where the decision leaves the job, not where the test reads it
        DataStream<Long> holdExpiryLag = decisions
                .filter(e -> e.type == OutputType.OFFER_HOLD_EXPIRED)
                .map(e -> System.currentTimeMillis() - e.at, Types.LONG);
        long lagMs = -1;
        try (CloseableIterator<Long> out = holdExpiryLag.collectAsync()) {
            JobClient job = env.executeAsync("quiet input");
            try {
                if (out.hasNext()) {
                    lagMs = out.next();
                }
            } finally {
                job.cancel().get();
            }
        }
        System.out.println("QuietInputITCase: the hold expired " + lagMs + " ms after its due time by the wall clock");
        // idle-after (2 s) + out-of-orderness (0.5 s) + watermark interval (0.2 s), and slack for a busy machine
        assertThat(lagMs).as("wall-clock delay of the hold expiry, ms").isBetween(0L, 6_000L);
    }
}
