package id.pahlawanpangan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.RejectReason;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.testing.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract v1.1, section 1, in a replay: a line's {@code received_at} is its receive time. An
 * event dated more than the clock skew ahead of it is rejected; a line without one is not
 * checked; and the output stays byte-identical across parallelism and stream interleavings.
 */
class ReceiveTimeReplayITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReplayClusterSupport.cluster();

    @TempDir
    static Path dir;

    static List<String> day;
    static Path received;
    static int datedAhead;
    static List<String> atParallelismOne;

    /**
     * A generated day as JetStream would have stamped it: each line received up to the
     * out-of-orderness bound after its time; one in a hundred dated two minutes ahead of its arrival.
     */
    @BeforeAll
    static void stampTheDay() throws Exception {
        DayGenerator.Settings settings = new DayGenerator.Settings();
        settings.offers = 800;
        settings.ngos = 90;
        settings.seed = 23;
        settings.badInputRate = 0;
        day = new DayGenerator(settings).generate();
        Random random = new Random(5);
        List<String> stamped = new ArrayList<>();
        for (String line : day) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            long eventTime = Times.parse(node.get("event_time").asText());
            boolean ahead = random.nextInt(100) == 0;
            datedAhead += ahead ? 1 : 0;
            long receivedAt = ahead ? eventTime - 120_000 : eventTime + random.nextInt(501);
            node.put("received_at", Times.format(receivedAt));
            stamped.add(JSON.writeValueAsString(node));
        }
        received = dir.resolve("received.jsonl");
        Files.write(received, stamped, StandardCharsets.UTF_8);
        atParallelismOne = ReplayClusterSupport.replay(received, 1);
    }

    @Test
    void anEventDatedBeyondTheSkewOfItsReceiveTimeIsRejectedAndOnlyThen() throws Exception {
        assertThat(datedAhead).isPositive();
        assertThat(reasons(atParallelismOne)).filteredOn(RejectReason.EVENT_TIME_IN_FUTURE::equals).hasSize(datedAhead);

        Path plain = dir.resolve("plain.jsonl");
        Files.write(plain, day, StandardCharsets.UTF_8);
        assertThat(reasons(ReplayClusterSupport.replay(plain, 2))).as("lines without received_at are not checked")
                .isNotEmpty().doesNotContain(RejectReason.EVENT_TIME_IN_FUTURE);
    }

    @Test
    void theOutputIsTheSameAtAnyParallelismAndInterleaving() throws Exception {
        assertThat(ReplayClusterSupport.replay(received, 4)).containsExactlyElementsOf(atParallelismOne);
        Path shuffled = ReplayClusterSupport.interleavedDifferently(received, 9, dir.resolve("shuffled.jsonl"));
        assertThat(Files.readAllLines(shuffled)).isNotEqualTo(Files.readAllLines(received));
        assertThat(ReplayClusterSupport.replay(shuffled, 3)).containsExactlyElementsOf(atParallelismOne);
    }

    /** The reasons of the input rejections in an output. */
    private static List<String> reasons(List<String> output) {
        return output.stream().map(MatchEventJson::read).filter(e -> "input.rejected".equals(e.type.wireName()))
                .map(e -> e.reason).toList();
    }
}
