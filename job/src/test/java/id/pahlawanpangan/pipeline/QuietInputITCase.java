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
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contract section 2: time advances when inputs are quiet, and no publisher's input can stop it.
 * Live input posts an offer and from then on carries only unreadable messages, as a broken or
 * hostile app would flood a stream; each is rejected, but its receive time still moves its
 * stream on, so the hold ends within a few seconds of its due time by the wall clock. The idle
 * fallback is set to ten minutes, so it cannot be what moves time.
 */
class QuietInputITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReplayClusterSupport.cluster();

    /** One NGO and one offer stamped with the wall clock, then only noise on both streams. */
    private static final class LiveThenNoise implements GeneratorFunction<Long, RawInput> {
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
            return new RawInput(index % 2 == 0 ? SourceStream.OFFERS : SourceStream.NGOS, index, null, "not an event", now);
        }
    }

    @Test
    void aHoldEndsWithinSecondsOfItsDueTimeWhileOnlyBadInputArrives() throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        config.setString("match.claim-window", "3 s");
        config.setString("watermark.idle-after", "10 min");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.getConfig().setAutoWatermarkInterval(50);

        DataGeneratorSource<RawInput> live = new DataGeneratorSource<>(
                new LiveThenNoise(), 600, RateLimiterStrategy.perSecond(10), EventTypes.RAW_INPUT);
        DataStream<RawInput> raw = env.fromSource(live, WatermarkStrategy.noWatermarks(), "Live then noise").setParallelism(1);
        DataStream<MatchEvent> decisions = new MatchingPipeline(config).decide(raw, InputTime.forLive(
                config.get(MatchingOptions.OUT_OF_ORDERNESS).toMillis(),
                // the streams this source carries
                EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS),
                config.get(MatchingOptions.IDLE_AFTER).toMillis())).events();

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
        // out-of-orderness (0.5 s) + the noise's spacing (0.1 s) + watermark interval, and slack for a busy machine
        assertThat(lagMs).as("wall-clock delay of the hold expiry, ms").isBetween(0L, 3_000L);
    }
}
