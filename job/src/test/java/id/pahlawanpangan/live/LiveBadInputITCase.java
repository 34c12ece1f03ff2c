package id.pahlawanpangan.live;

import static id.pahlawanpangan.testing.Fixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.testing.Fixtures;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
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
        try (LiveFixture live = new LiveFixture()) {
            JobClient client = live.startJob(dir.resolve("checkpoints"), Map.of());
            try {
                // dated when published, as an app does: a slow start of the job cannot make them late
                long start = System.currentTimeMillis();
                String offer = InputEventJson.write(f.offer("o1").postedAt(start).posted());
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

                await("every dead letter and the claim").atMost(Duration.ofSeconds(60))
                        .until(() -> live.db.count("select count(*) from rejected_input") >= bad.size()
                                && live.db.count("select count(*) from match_events where type = 'offer.claimed'") >= 1);

                Map<String, String> rejected = live.db.strings("select reason || '\t' || payload from rejected_input").stream()
                        .collect(Collectors.toMap(r -> r.substring(0, r.indexOf('\t')), r -> r.substring(r.indexOf('\t') + 1)));
                assertThat(rejected.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
                // a payload over the limit is kept cut to it (contract v1.1)
                bad.forEach((reason, b) -> assertThat(rejected.get(reason)).as(reason)
                        .isEqualTo(reason.equals("payload_too_large") ? b[2].substring(0, 16_384) : b[2]));

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

    /**
     * Poison, as a broken or hostile app sends it: a raw NUL byte (PostgreSQL refuses NUL in text
     * and JSONB), 60 KB of quotes and of control characters (escaped, their echoes would be two
     * and six times as large), bytes that are not UTF-8, and a flood of 10,000 invalid messages.
     * Each is dead-lettered, the job never restarts, and an offer posted after them is proposed.
     * 600 KB of quotes (an echo over nats-server's 1 MiB) no longer reaches the job: the input
     * stream refuses it to its publisher (PanganStreams: at most 4 x input.max-payload-bytes).
     */
    @Test
    void poisonAndAFloodAreDeadLetteredWithoutARestartAndTheNextOfferIsProposed(@InjectMiniCluster MiniCluster cluster) throws Exception {
        Fixtures f = new Fixtures();
        try (LiveFixture live = new LiveFixture()) {
            JobClient client = live.startJob(dir.resolve("checkpoints"), Map.of());
            try {
                JetStream js = live.nats.jetStream();
                long start = System.currentTimeMillis();
                js.publish(live.subjects.input(SourceStream.NGOS, "ngo-a"),
                        InputEventJson.write(f.ngo("ngo-a").availableAt(start)).getBytes(StandardCharsets.UTF_8));
                String offerSubject = live.subjects.input(SourceStream.OFFERS, "prov-1");
                byte[] nul = "{\"type\":\"offer.posted\",\"offer_id\":\"o\u0000\"}".getBytes(StandardCharsets.UTF_8);
                byte[] quotes = "\"".repeat(60_000).getBytes(StandardCharsets.UTF_8);
                byte[] controls = "\u0001".repeat(60_000).getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> js.publish(offerSubject, "\"".repeat(600_000).getBytes(StandardCharsets.UTF_8)))
                        .as("600 KB, refused by the stream to its publisher").isInstanceOf(JetStreamApiException.class)
                        .hasMessageContaining("maximum");
                byte[] notUtf8 = {'{', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}'};
                js.publish(offerSubject, nul);
                js.publish(offerSubject, quotes);
                js.publish(offerSubject, controls);
                js.publish(offerSubject, notUtf8);
                List<CompletableFuture<PublishAck>> flood = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    flood.add(js.publishAsync(offerSubject, ("{\"flood\":" + i).getBytes(StandardCharsets.UTF_8)));
                }
                CompletableFuture.allOf(flood.toArray(new CompletableFuture[0])).get();
                long posted = System.currentTimeMillis();
                js.publish(offerSubject, InputEventJson.write(f.offer("o-after").postedAt(posted).posted()).getBytes(StandardCharsets.UTF_8));

                await("the offer after the poison proposed").atMost(Duration.ofSeconds(90))
                        .until(() -> live.db.count("select count(*) from match_events where type = 'offer.proposed' and offer_id = 'o-after'") == 1);
                await("every dead letter stored").atMost(Duration.ofSeconds(60))
                        .until(() -> live.db.count("select count(*) from rejected_input") == 10_004);

                assertThat(live.db.strings("select reason || ' ' || (payload is null) || ' ' || (payload_base64 is null) || ' ' || payload_truncated"
                        + " from rejected_input where reason <> 'malformed_json' or payload_base64 is not null or payload_truncated order by 1"))
                        .as("NUL and non-UTF-8 as base64, the quotes cut to the limit").containsExactly(
                                "invalid_utf8 true false false", "malformed_json true false false", "payload_too_large false true true",
                                "payload_too_large false true true");
                assertThat(decode(live.db.strings("select payload_base64 from rejected_input where reason = 'invalid_utf8'").get(0))).isEqualTo(notUtf8);
                assertThat(decode(live.db.strings("select payload_base64 from rejected_input where reason = 'malformed_json'"
                        + " and payload_base64 is not null").get(0))).isEqualTo(nul);
                long deadLetters = live.outputMessages().stream().filter(m -> m[2].startsWith(live.subjects.outputs() + ".=.deadletter.")).count();
                assertThat(deadLetters).isEqualTo(10_004);

                var graph = cluster.getExecutionGraph(client.getJobID()).get();
                assertThat(graph.getFailureInfo()).as("the job never failed").isNull();
                for (var vertex : graph.getAllExecutionVertices()) {
                    assertThat(vertex.getCurrentExecutionAttempt().getAttemptNumber()).as("%s restarted", vertex.getTaskNameWithSubtaskIndex()).isZero();
                }
            } finally {
                client.cancel().get();
            }
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }
}
