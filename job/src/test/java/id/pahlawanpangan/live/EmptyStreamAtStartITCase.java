package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that starts while one of its input streams is empty (claims, before any proposal was
 * made): the empty stream's source says it has caught up, so the stream stops holding event time
 * back seconds later, not after {@code watermark.startup-quiet}. Made long here (five minutes) so
 * that only the source's report can explain a proposal within a minute.
 */
class EmptyStreamAtStartITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = LiveFixture.cluster(1);

    @TempDir
    Path dir;

    @Test
    void anOfferIsProposedWithinSecondsWhileTheClaimsStreamIsEmpty() throws Exception {
        try (LiveFixture live = new LiveFixture()) {
            JobClient client = live.startJob(dir.resolve("checkpoints"), Map.of("watermark.startup-quiet", "5 min"));
            try {
                long now = System.currentTimeMillis();
                Fixtures f = new Fixtures();
                live.publish(List.of(
                        InputEventJson.write(f.ngo("ngo-a").availableAt(now - 1_000)),
                        InputEventJson.write(f.offer("o1").postedAt(now).expiresAt(now + Fixtures.HOUR).posted())), 100);

                long deadline = System.currentTimeMillis() + 60_000;
                while (live.db.count("select count(*) from match_events where type = 'offer.proposed'") == 0
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                long waited = System.currentTimeMillis() - now;
                assertThat(live.db.strings("select offer_id || ' to ' || ngo_id from match_events where type = 'offer.proposed'"))
                        .as("proposed within a minute, %d ms after posting", waited).containsExactly("o1 to ngo-a");
                System.out.println("EmptyStreamAtStartITCase: proposed " + waited + " ms after posting");
            } finally {
                client.cancel().get();
            }
        }
    }
}
