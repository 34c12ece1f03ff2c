package id.pahlawanpangan.pipeline;

import static id.pahlawanpangan.testing.Fixtures.MINUTE;
import static id.pahlawanpangan.testing.Fixtures.T0;
import static id.pahlawanpangan.testing.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract section 1: bad input never fails the job and is never dropped silently. Each kind
 * of bad line becomes an input.rejected event with its reason and original payload, and the
 * good events around it are decided exactly as without it.
 */
class BadInputITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReplayClusterSupport.cluster();

    @TempDir
    Path dir;

    private final Fixtures f = new Fixtures();

    private List<String> goodDay() {
        List<String> lines = new ArrayList<>();
        lines.add(InputEventJson.write(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - 60 * MINUTE)));
        lines.add(InputEventJson.write(f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - 59 * MINUTE)));
        lines.add(InputEventJson.write(f.offer("o1").posted()));
        lines.add(InputEventJson.write(f.offer("o2").postedAt(minutes(1)).by("prov-2").posted()));
        lines.add(InputEventJson.write(f.claimDeclined("o1", "ngo-a", minutes(2))));
        lines.add(InputEventJson.write(f.claimAccepted("o1", "ngo-b", minutes(3))));
        lines.add(InputEventJson.write(f.claimAccepted("o2", "ngo-a", minutes(4))));
        lines.add(InputEventJson.write(f.pickup("o1", "ngo-b", 9.0, minutes(30))));
        lines.add(InputEventJson.write(f.cancelled("o2", "prov-2", minutes(31))));
        return lines;
    }

    /** Bad lines by the reason they must be rejected with, each placed among the good ones. */
    private Map<String, String> badLines() {
        String offer = InputEventJson.write(f.offer("o9").postedAt(minutes(5)).posted());
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("malformed_json", offer.substring(0, offer.length() / 2));
        bad.put("payload_too_large", offer.replace("{\"type\"", "{\"note\":\"" + "x".repeat(20_000) + "\",\"type\""));
        bad.put("unknown_type", offer.replace("offer.posted", "offer.updated"));
        bad.put("missing_field:lat", offer.replaceFirst("\"lat\":[-0-9.]+,", ""));
        bad.put("invalid_type:halal", offer.replace("\"halal\":true", "\"halal\":\"yes\""));
        bad.put("out_of_range:lat", offer.replaceFirst("\"lat\":[-0-9.]+", "\"lat\":-91.5"));
        bad.put("out_of_range:quantity_kg", offer.replaceFirst("\"quantity_kg\":[0-9.]+", "\"quantity_kg\":-2"));
        bad.put("invalid_id:offer_id", offer.replace("\"o9\"", "\"o 9\""));
        bad.put("invalid_time:event_time", offer.replaceFirst("\"event_time\":\"[^\"]+\"", "\"event_time\":\"tomorrow\""));
        bad.put("unknown_category", offer.replace("cooked_meal", "snacks"));
        bad.put("expires_before_ready", offer.replaceFirst("\"expires_at\":\"[^\"]+\"", "\"expires_at\":\"" + Times.format(minutes(5)) + "\""));
        bad.put("expires_before_event_time", offer.replaceFirst("\"expires_at\":\"[^\"]+\"", "\"expires_at\":\"" + Times.format(minutes(4)) + "\"")
                .replaceFirst("\"ready_at\":\"[^\"]+\"", "\"ready_at\":\"" + Times.format(minutes(3)) + "\""));
        bad.put("duplicate_offer_id", InputEventJson.write(f.offer("o1").kg(12).postedAt(minutes(6)).posted()));
        bad.put("not_provider", InputEventJson.write(f.cancelled("o1", "prov-9", minutes(7))));
        bad.put("unknown_offer", InputEventJson.write(f.cancelled("o-none", "prov-1", minutes(8))));
        bad.put("offer_closed", InputEventJson.write(f.cancelled("o1", "prov-1", minutes(40))));
        return bad;
    }

    @Test
    void everyBadLineIsRejectedWithItsReasonAndTheRestIsDecidedAsWithoutIt() throws Exception {
        List<String> good = goodDay();
        Path clean = dir.resolve("clean.jsonl");
        Files.write(clean, good, StandardCharsets.UTF_8);

        Map<String, String> bad = badLines();
        List<String> mixed = new ArrayList<>(good);
        int at = 3;
        for (String line : bad.values()) {
            mixed.add(Math.min(at, mixed.size()), line);
            at += 2;
        }
        Path dirty = dir.resolve("dirty.jsonl");
        Files.write(dirty, mixed, StandardCharsets.UTF_8);

        List<MatchEvent> withBad = read(ReplayClusterSupport.replay(dirty, 2));
        List<MatchEvent> withoutBad = read(ReplayClusterSupport.replay(clean, 2));

        Map<String, String> rejectedPayloads = withBad.stream()
                .filter(e -> e.type == OutputType.INPUT_REJECTED)
                .collect(Collectors.toMap(e -> e.reason, e -> e.payload, (a, b) -> a + "\n" + b, LinkedHashMap::new));
        Map<String, String> expected = new LinkedHashMap<>(bad);
        // a payload over the limit is kept cut to it (contract v1.1), and marked so
        expected.put("payload_too_large", bad.get("payload_too_large").substring(0, 16_384));
        assertThat(rejectedPayloads).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(withBad).filteredOn(e -> e.type == OutputType.INPUT_REJECTED)
                .allSatisfy(e -> assertThat(e.payloadTruncated).isEqualTo("payload_too_large".equals(e.reason) ? Boolean.TRUE : null));
        assertThat(withBad).filteredOn(e -> e.type == OutputType.INPUT_REJECTED)
                .allSatisfy(e -> assertThat(e.eventId).isNotBlank());

        assertThat(decisionsWithoutIds(withBad)).containsExactlyElementsOf(decisionsWithoutIds(withoutBad));
        assertThat(decisionsWithoutIds(withoutBad)).contains(
                "offer.completed o1 ngo-b", "offer.cancelled o2 ngo-a", "offer.claimed o1 ngo-b");
    }

    /**
     * A file as editors and broken exporters write them: a byte-order mark before the first line,
     * and a 21 MB line (over Jackson's 20 MB string limit, which once made the replay exit with no
     * output when it re-read its own dead letter). The mark is not part of the first event; the
     * line is rejected, its dead letter cut to the payload limit; every good line is decided.
     */
    @Test
    void aByteOrderMarkAndAHugeLineDoNotCostAnyEvent() throws Exception {
        List<String> good = goodDay();
        List<String> hostile = new ArrayList<>(good);
        hostile.set(0, "\uFEFF" + good.get(0));
        hostile.add(3, "{\"note\":\"" + "x".repeat(21_000_000) + "\"}");
        Path dirty = Files.write(dir.resolve("hostile.jsonl"), hostile, StandardCharsets.UTF_8);
        Path clean = Files.write(dir.resolve("clean.jsonl"), good, StandardCharsets.UTF_8);

        List<MatchEvent> withHostile = read(ReplayClusterSupport.replay(dirty, 2));
        assertThat(withHostile).filteredOn(e -> e.type == OutputType.INPUT_REJECTED)
                .singleElement().satisfies(e -> {
                    assertThat(e.reason).isEqualTo("payload_too_large");
                    assertThat(e.payload).hasSize(16_384);
                    assertThat(e.payloadTruncated).isTrue();
                });
        assertThat(decisionsWithoutIds(withHostile)).containsExactlyElementsOf(decisionsWithoutIds(read(ReplayClusterSupport.replay(clean, 2))));
    }

    private static List<MatchEvent> read(List<String> lines) {
        return lines.stream().map(MatchEventJson::read).collect(Collectors.toList());
    }

    private static List<String> decisionsWithoutIds(List<MatchEvent> events) {
        return events.stream()
                .filter(e -> e.type != OutputType.INPUT_REJECTED)
                .map(e -> e.type.wireName() + " " + e.offerId + (e.ngoId == null ? "" : " " + e.ngoId))
                .collect(Collectors.toList());
    }
}
