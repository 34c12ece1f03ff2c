package id.pahlawanpangan.live;

import static id.pahlawanpangan.testing.PrometheusEndpoint.series;
import static id.pahlawanpangan.testing.PrometheusEndpoint.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.testing.PrometheusEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer lag, the figure behind the PanganInputBacklog alert: input published while the job was
 * not running shows as {@code pangan_inputBacklog}, and the gauge falls to zero once the job has
 * read it all.
 */
class InputBacklogITCase {
    private static final String BACKLOG = "pangan_inputBacklog";
    private static final PrometheusEndpoint PROMETHEUS = new PrometheusEndpoint(9391);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(PROMETHEUS.reporterConfiguration()).build());

    @TempDir
    Path dir;

    @Test
    void inputPublishedWhileTheJobWasDownShowsAsBacklogAndDrains() throws Exception {
        // dated from now to 45 s ahead, within the accepted clock skew, and all published at once. A
        // source reads ahead into Flink's network buffers (thousands of records) as fast as NATS
        // delivers: the backlog has to be several times that for the job to need seconds to read it
        // (the stream's end is asked every 100 ms, the gauge scraped every 500 ms)
        List<String> day = LiveDay.generate(24_000, 600, 21, Duration.ofSeconds(40), Duration.ofSeconds(5)).lines;
        try (LiveFixture live = new LiveFixture()) {
            live.publishAll(day);
            JobClient job = live.startJob(dir.resolve("checkpoints"), Map.of());
            try {
                String lagging = PROMETHEUS.scrapeWhen(BACKLOG, body -> sum(body, BACKLOG, null) > 0);
                System.out.printf("InputBacklogITCase: %.0f of %d published messages not read yet at the first lagging scrape%n",
                        sum(lagging, BACKLOG, null), day.size());
                assertThat(series(lagging, BACKLOG)).as("a gauge for each input stream's source").isGreaterThanOrEqualTo(3);
                assertThat(sum(lagging, BACKLOG, null)).as("never more than was published").isLessThanOrEqualTo(day.size());

                PROMETHEUS.scrapeWhen(BACKLOG, body -> series(body, BACKLOG) >= 3 && sum(body, BACKLOG, null) == 0);
                await("the job read the backlog: its decisions are in PostGIS (as their times come)").atMost(Duration.ofSeconds(60))
                        .until(() -> live.db.count("select count(*) from match_events") > 0);
            } finally {
                job.cancel().get();
            }
        }
    }
}
