package id.pahlawanpangan.pipeline;

import static id.pahlawanpangan.testing.PrometheusEndpoint.sum;
import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.operators.EventTypes;
import id.pahlawanpangan.testing.Fixtures;
import id.pahlawanpangan.testing.PrometheusEndpoint;
import id.pahlawanpangan.time.InputTime;
import java.util.EnumSet;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job with the Prometheus reporter: the business metrics are there, and move with the input. */
class MetricsITCase {
    private static final PrometheusEndpoint PROMETHEUS = new PrometheusEndpoint(9371);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(PROMETHEUS.reporterConfiguration()).build());

    /** NGOs around Jakarta now and then, offers near them, and claims that mostly do not fit. */
    private static final class LiveInput implements GeneratorFunction<Long, RawInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public RawInput map(Long i) {
            long now = System.currentTimeMillis();
            Fixtures f = new Fixtures();
            if (i % 10 == 0) {
                return new RawInput(SourceStream.NGOS, i, null,
                        InputEventJson.write(f.ngo("ngo-" + (i / 10 % 20)).kmFromOffer(1 + i / 10 % 5).availableAt(now)), now);
            }
            if (i % 10 == 5) {
                return new RawInput(SourceStream.CLAIMS, i, null, InputEventJson.write(f.claimAccepted("offer-" + (i - 3), "ngo-1", now)), now);
            }
            return new RawInput(SourceStream.OFFERS, i, null,
                    InputEventJson.write(f.offer("offer-" + i).postedAt(now).expiresAt(now + Fixtures.HOUR).posted()), now);
        }
    }

    @Test
    void businessMetricsAreExportedAndMoveWithTheInput() throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        DataStream<RawInput> raw = env.fromSource(new DataGeneratorSource<>(new LiveInput(), 100_000, RateLimiterStrategy.perSecond(100),
                EventTypes.RAW_INPUT), WatermarkStrategy.noWatermarks(), "Live input").setParallelism(1);
        new MatchingPipeline(config).decide(raw, InputTime.forLive(500,
                EnumSet.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS), config.get(MatchingOptions.IDLE_AFTER).toMillis()))
                .events().sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("metrics");
        try {
            String first = PROMETHEUS.scrapeWhen("pangan_decisions", body -> sum(body, "pangan_decisions", "offer.proposed") > 0);
            for (String metric : new String[] {
                "pangan_inputsAccepted", "pangan_decisions", "pangan_claimRejections", "pangan_openOffers", "pangan_heldOffers",
                "pangan_claimedOffers", "pangan_ngosKnown", "pangan_kgRescued", "pangan_portionsRescued", "pangan_lateEvents",
                "pangan_timeToFirstProposalMs", "pangan_timeToClaimMs"}) {
                assertThat(first).as(metric).containsPattern("_" + metric.replace("pangan_", "pangan_(type_|reason_)?") + "\\b");
            }
            assertThat(first).contains("type=\"offer_posted\"", "type=\"offer_proposed\"", "reason=\"not_holder\"");
            double proposedBefore = sum(first, "pangan_decisions", "offer.proposed");
            double acceptedBefore = sum(first, "pangan_inputsAccepted", "offer.posted");
            double held = sum(first, "pangan_heldOffers", null);
            assertThat(held).as("held offers").isPositive();

            String later = PROMETHEUS.scrapeWhen("pangan_decisions", body -> sum(body, "pangan_decisions", "offer.proposed") > proposedBefore + 50);
            assertThat(sum(later, "pangan_inputsAccepted", "offer.posted")).isGreaterThan(acceptedBefore);
        } finally {
            job.cancel().get();
        }
    }
}
