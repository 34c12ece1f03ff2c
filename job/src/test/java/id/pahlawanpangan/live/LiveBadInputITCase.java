package id.pahlawanpangan.live;

import static id.pahlawanpangan.testing.Fixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.testing.Fixtures;
import io.nats.client.JetStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input published on the input subjects lands in {@code rejected_input} and on the
 * dead-letter subject, with its reason and original payload; the valid events around it are
 * decided normally.
 */
class LiveBadInputITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = LiveFixture.cluster(1);

    @TempDir
    Path dir;

    @Test
    void badInputIsDeadLetteredAndGoodInputDecided() throws Exception {
        Fixtures f = new Fixtures();
        long start = System.currentTimeMillis();
        String offer = InputEventJson.write(f.offer("o1").postedAt(start).posted());
        try (LiveFixture live = new LiveFixture()) {
            JobClient client = live.startJob(dir.resolve("checkpoints"), Map.of());
            try {
                JetStream js = live.nats.jetStream();
                String ngo = InputEventJson.write(f.ngo("ngo-a").availableAt(start - 60_000));
                Map<String, String[]> bad = Map.of(
                        "malformed_json", new String[] {"offer", "prov-1", offer.substring(0, 40)},
                        "payload_too_large", new String[] {"offer", "prov-1", offer.replace("{\"type\"", "{\"note\":\"" + "x".repeat(20_000) + "\",\"type\"")},
                        "unknown_type", new String[] {"offer", "prov-1", offer.replace("offer.posted", "offer.updated")},
                        "out_of_range:lat", new String[] {"offer", "prov-1", offer.replaceFirst("\"lat\":[-0-9.]+", "\"lat\":95")},
                        "unknown_category", new String[] {"offer", "prov-1", offer.replace("cooked_meal", "snacks")},
                        "missing_field:event_time", new String[] {"claim", "ngo-a", "{\"type\":\"claim.accepted\",\"offer_id\":\"o1\",\"ngo_id\":\"ngo-a\"}"},
                        "identity_mismatch", new String[] {"offer", "prov-evil", offer});
                js.publish(live.subjects.input(SourceStream.NGOS, "ngo-a"), ngo.getBytes(StandardCharsets.UTF_8));
                for (String[] b : bad.values()) {
                    SourceStream stream = b[0].equals("offer") ? SourceStream.OFFERS : SourceStream.CLAIMS;
                    js.publish(live.subjects.input(stream, b[1]), b[2].getBytes(StandardCharsets.UTF_8));
                }
                js.publish(live.subjects.input(SourceStream.OFFERS, "prov-1"), offer.getBytes(StandardCharsets.UTF_8));
                String claim = InputEventJson.write(f.claimAccepted("o1", "ngo-a", start + SECOND));
                js.publish(live.subjects.input(SourceStream.CLAIMS, "ngo-a"), claim.getBytes(StandardCharsets.UTF_8));

                long deadline = System.currentTimeMillis() + 60_000;
                while ((live.db.count("select count(*) from rejected_input") < bad.size()
                        || live.db.count("select count(*) from match_events where type = 'offer.claimed'") < 1)
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(250);
                }

                Map<String, String> rejected = live.db.strings("select reason || '\t' || payload from rejected_input").stream()
                        .collect(Collectors.toMap(r -> r.substring(0, r.indexOf('\t')), r -> r.substring(r.indexOf('\t') + 1)));
                assertThat(rejected.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
                bad.forEach((reason, b) -> assertThat(rejected.get(reason)).as(reason).isEqualTo(b[2]));

                List<String> deadLetters = live.outputMessages().stream()
                        .filter(m -> m[2].startsWith(live.subjects.outputs() + ".=.deadletter."))
                        .map(m -> MatchEventJson.read(m[1]).reason).collect(Collectors.toList());
                assertThat(deadLetters).containsExactlyInAnyOrderElementsOf(bad.keySet());

                assertThat(live.db.strings("select type || ' ' || coalesce(ngo_id, '') from match_events"
                        + " where type not in ('input.rejected') order by at, cause_rank, cause_seq, cause_index"))
                        .startsWith("offer.proposed ngo-a", "offer.claimed ngo-a");
            } finally {
                client.cancel().get();
            }
        }
    }
}
