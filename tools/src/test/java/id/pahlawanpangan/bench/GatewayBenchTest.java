package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.gateway.ApiKeys;
import id.pahlawanpangan.gateway.Client;
import id.pahlawanpangan.gateway.ClientRole;
import id.pahlawanpangan.workload.AppEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway benchmark's pure parts: the request mix, the keys file, the latency accounting, the report. */
class GatewayBenchTest {
    private static final long MS = 1_000_000;
    private static final Pattern PROVIDER = Pattern.compile("\"provider_id\":\"([^\"]+)\"");
    private static final Pattern OFFER_ID = Pattern.compile("\"offer_id\":\"([^\"]+)\"");

    private final AppEvents events = new AppEvents(20, 30, 3);
    private final GatewayClients clients = new GatewayClients(events.providerIds(), events.ngoIds());

    @Test
    void mixesSevenOffersTwoAvailabilitiesAndOneClaimInTen() {
        GatewayMix mix = new GatewayMix(events, clients, "gwbtest", 1);
        Map<GatewayMix.Kind, Integer> kinds = new EnumMap<>(GatewayMix.Kind.class);
        for (int i = 0; i < 1000; i++) {
            kinds.merge(mix.next(1_700_000_000_000L + i).kind(), 1, Integer::sum);
        }
        assertThat(kinds).containsEntry(GatewayMix.Kind.OFFER, 700).containsEntry(GatewayMix.Kind.AVAILABILITY, 200)
                .containsEntry(GatewayMix.Kind.CLAIM, 100);
    }

    @Test
    void eachRequestCarriesTheKeyOfTheClientItNames() {
        Map<String, String> ownerOfKey = new HashMap<>();
        for (int i = 0; i < clients.providerCount(); i++) {
            ownerOfKey.put(clients.provider(i).key(), clients.provider(i).id());
        }
        for (int i = 0; i < clients.ngoCount(); i++) {
            ownerOfKey.put(clients.ngo(i).key(), clients.ngo(i).id());
        }
        GatewayMix mix = new GatewayMix(events, clients, "gwbtest", 1);
        for (int i = 0; i < 500; i++) {
            GatewayMix.Request r = mix.next(1_700_000_000_000L);
            String owner = ownerOfKey.get(r.key());
            switch (r.kind()) {
                case OFFER:
                    assertThat(r.method()).isEqualTo("POST");
                    assertThat(r.path()).isEqualTo("/v1/offers");
                    assertThat(group(PROVIDER, r.body())).isEqualTo(owner).startsWith("prov-");
                    break;
                case AVAILABILITY:
                    assertThat(r.method()).isEqualTo("PUT");
                    assertThat(r.path()).isEqualTo("/v1/ngos/" + owner + "/availability");
                    assertThat(r.body()).contains("\"ngo_id\":\"" + owner + "\"");
                    break;
                default:
                    assertThat(owner).startsWith("ngo-");
                    assertThat(r.path()).matches("/v1/offers/gwbtest-\\d{7}/claim");
                    assertThat(r.body()).startsWith("{\"event_time\":\"");
            }
        }
    }

    @Test
    void offersHaveIdsOfTheirOwnButRetriesRepeatTheKeyedOfferBefore() {
        GatewayMix mix = new GatewayMix(events, clients, "gwbtest", 1);
        Set<String> offerIds = new HashSet<>();
        Set<String> posted = new HashSet<>();
        List<GatewayMix.Request> offers = new ArrayList<>();
        Set<String> claimKeys = new HashSet<>();
        int keyedClaims = 0;
        int claims = 0;
        for (int i = 0; i < 10_000; i++) {
            GatewayMix.Request r = mix.next(1_700_000_000_000L + i);
            if (r.kind() == GatewayMix.Kind.OFFER) {
                offers.add(r);
                String id = group(OFFER_ID, r.body());
                posted.add(id);
                if (r.repeat()) {
                    assertThat(r.idempotencyKey()).isEqualTo(id);
                    GatewayMix.Request original = offers.stream().filter(o -> !o.repeat() && id.equals(o.idempotencyKey())).findFirst().orElseThrow();
                    assertThat(r.body()).isEqualTo(original.body());
                    assertThat(r.key()).isEqualTo(original.key());
                } else {
                    assertThat(offerIds.add(id)).as("offer id %s once", id).isTrue();
                }
            } else if (r.kind() == GatewayMix.Kind.CLAIM) {
                claims++;
                String claimed = r.path().split("/")[3];
                assertThat(posted).contains(claimed);
                if (r.idempotencyKey() != null) {
                    keyedClaims++;
                    assertThat(r.idempotencyKey()).startsWith("claim-" + claimed + "-");
                    assertThat(claimKeys.add(r.idempotencyKey())).isTrue();
                }
            } else {
                assertThat(r.idempotencyKey()).isNull();
            }
        }
        long repeats = offers.stream().filter(GatewayMix.Request::repeat).count();
        long keyedNew = offers.stream().filter(o -> !o.repeat() && o.idempotencyKey() != null).count();
        assertThat(offers).hasSize(7_000);
        assertThat(repeats).isEqualTo(7_000 / GatewayMix.REPEAT_EVERY);
        assertThat(offerIds).hasSize(7_000 - (int) repeats);
        assertThat(keyedNew).isEqualTo((offerIds.size() + 1) / 2);
        assertThat(keyedClaims).isEqualTo(claims / 2);
    }

    @Test
    void theGatewayReadsTheKeysFileAndKnowsEachKeysClientButTheFileHoldsNoKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.txt");
        clients.writeKeysFile(file);
        ApiKeys keys = ApiKeys.load(file);
        assertThat(keys.size()).isEqualTo(20 + 30 + 1);
        assertThat(keys.authenticate(clients.provider(3).key())).contains(new Client(ClientRole.PROVIDER, clients.provider(3).id()));
        assertThat(keys.authenticate(clients.ngo(29).key())).contains(new Client(ClientRole.NGO, clients.ngo(29).id()));
        assertThat(clients.provider(0).key()).matches("pgk_[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file)).doesNotContain(clients.provider(0).key()).contains("dispatcher dispatch-bench ");
    }

    @Test
    void latencyRunsFromTheRequestsPlaceInTheScheduleNotFromWhenItWentOut() {
        GatewayPhase phase = new GatewayPhase("1000/s", 1000, Duration.ofSeconds(1));
        phase.startAt(0);
        assertThat(phase.requests()).isEqualTo(1000);
        assertThat(phase.due(1)).isEqualTo(MS);
        assertThat(phase.due(999)).isEqualTo(999 * MS);
        GatewayMix.Request offer = request(GatewayMix.Kind.OFFER, false);
        // request 10 due at 10 ms, sent 30 ms late, answered 2 ms after it went out: 32 ms
        phase.sent(phase.due(10), phase.due(10) + 30 * MS);
        phase.answered(offer, phase.due(10), phase.due(10) + 32 * MS, 202, "{\"stream\":\"X\",\"seq\":1,\"duplicate\":false}");
        assertThat(phase.percentileMs(1.0)).isEqualTo(32.0);
        assertThat(phase.behindMaxMs()).isEqualTo(30.0);
    }

    @Test
    void countsAnswersByStatusReasonAndFailureAndDuplicatesByStream() {
        GatewayPhase phase = new GatewayPhase("2000/s", 2000, Duration.ofSeconds(1));
        phase.startAt(0);
        String fresh = "{\"stream\":\"PANGAN_IN_OFFERS\",\"seq\":12,\"duplicate\":false}";
        phase.answered(request(GatewayMix.Kind.OFFER, false), 0, MS, 202, fresh);
        phase.answered(request(GatewayMix.Kind.OFFER, true), 0, MS, 202, "{\"stream\":\"PANGAN_IN_OFFERS\",\"seq\":12,\"duplicate\": true}");
        phase.answered(request(GatewayMix.Kind.CLAIM, false), 0, MS, 202, "{\"stream\":\"PANGAN_IN_CLAIMS\",\"seq\":3,\"duplicate\":false}");
        phase.answered(request(GatewayMix.Kind.OFFER, false), 0, MS, 503, "{\"error\":\"nats_unavailable\",\"message\":\"NATS is away\"}");
        phase.answered(request(GatewayMix.Kind.OFFER, false), 0, MS, 503, "{\"error\":\"nats_unavailable\",\"message\":\"NATS is away\"}");
        phase.answered(request(GatewayMix.Kind.AVAILABILITY, false), 0, MS, 400, "{\"error\":\"missing_field:lat\",\"message\":\"...\"}");
        phase.answered(request(GatewayMix.Kind.AVAILABILITY, false), 0, MS, 500, "<html>oops</html>");
        phase.failed(0, 10_000 * MS, "timeout");
        phase.failed(0, MS, "no connection");
        for (int i = 0; i < 10; i++) {
            phase.sent(0, 0);
        }

        assertThat(phase.answered()).isEqualTo(9);
        assertThat(phase.ok()).isEqualTo(3);
        assertThat(phase.ok(GatewayMix.Kind.OFFER)).isEqualTo(2);
        assertThat(phase.duplicates(GatewayMix.Kind.OFFER)).isEqualTo(1);
        assertThat(phase.duplicates(GatewayMix.Kind.CLAIM)).isZero();
        assertThat(phase.repeatsOk()).isEqualTo(1);
        assertThat(phase.notOk()).containsExactly(Map.entry("400 missing_field:lat", 1L), Map.entry("500", 1L),
                Map.entry("503 nats_unavailable", 2L), Map.entry("no connection", 1L), Map.entry("timeout", 1L));
        assertThat(GatewayBenchReport.notOk(phase))
                .isEqualTo("7 (400 missing_field:lat: 1, 500: 1, 503 nats_unavailable: 2, no connection: 1, timeout: 1, unanswered: 1)");
    }

    @Test
    void achievedCountsOverThePhaseOrUpToItsLastAnswer() {
        assertThat(phaseAnswering(2000, 2000, 3 * MS).achievedPerSecond()).isEqualTo(2000.0);
        // slow answers, but as many a second as asked for
        assertThat(phaseAnswering(2000, 2000, 1000 * MS).achievedPerSecond()).isEqualTo(2000.0);
        // answers spread over two seconds: 1,000 a second
        GatewayPhase spread = new GatewayPhase("2000/s", 2000, Duration.ofSeconds(1));
        spread.startAt(0);
        for (int i = 0; i < 2000; i++) {
            spread.sent(spread.due(i), spread.due(i));
            spread.answered(request(GatewayMix.Kind.OFFER, false), spread.due(i), 5 * MS + 2 * spread.due(i), 202, "{}");
        }
        assertThat(spread.achievedPerSecond()).isCloseTo(1000.5, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void theTargetAsksForTheRateTheP99AndNearlyEveryAnswer2xx() {
        assertThat(phaseAnswering(2000, 2000, 3 * MS).missesTarget()).isNull();
        assertThat(phaseAnswering(3000, 3000, 49 * MS).missesTarget()).isNull();
        assertThat(phaseAnswering(1000, 1000, 3 * MS).missesTarget()).isEqualTo("offered below 2000/s");
        assertThat(phaseAnswering(2000, 2000, 60 * MS).missesTarget()).isEqualTo("p99 60.0 ms");
        // a gateway answering only 1,500 of 2,000 requests a second, each later than the one before
        GatewayPhase behind = new GatewayPhase("2000/s", 2000, Duration.ofSeconds(1));
        behind.startAt(0);
        for (int i = 0; i < 2000; i++) {
            behind.answered(request(GatewayMix.Kind.OFFER, false), behind.due(i), i * 1_000_000_000L / 1500, 202, "{}");
        }
        assertThat(behind.missesTarget()).startsWith("achieved 150").contains(", p99 ");
        GatewayPhase failing = phaseAnswering(2000, 1990, 3 * MS);
        for (int i = 0; i < 10; i++) {
            failing.answered(request(GatewayMix.Kind.OFFER, false), 0, MS, 503, "{\"error\":\"nats_unavailable\"}");
        }
        assertThat(failing.missesTarget()).isEqualTo("10 not 2xx");
    }

    @Test
    void reportsATableRowPerRateAndTheVerdict() {
        GatewayPhase low = phaseAnswering(1000, 1000, 2 * MS);
        GatewayPhase met = phaseAnswering(2000, 2000, 4 * MS);
        GatewayPhase missed = phaseAnswering(3000, 3000, 80 * MS);
        met.seconds = 1.0;
        met.gatewayCpu = 0.62;
        met.clientCpu = 0.21;
        met.natsCpu = 0.33;
        String table = GatewayBenchReport.table(List.of(low, met, missed));
        assertThat(table.lines().toList()).hasSize(5);
        assertThat(table.lines().skip(3).findFirst().orElseThrow())
                .isEqualTo("| 2000 | 2000 | 2000 | 2000 | 0 | 4.0 / 4.0 / 4.0 / 4.0 | 0.62 | 0.21 | 0.33 | 0.0 | yes |");
        assertThat(table).contains("| no: offered below 2000/s |").contains("| no: p99 80.0 ms |");
        assertThat(GatewayBenchReport.verdict(List.of(low, met, missed))).endsWith("**met** at 2000/s; missed at 3000/s (p99 80.0 ms).");
        assertThat(GatewayBenchReport.verdict(List.of(low, missed))).endsWith("**missed**: 3000/s (p99 80.0 ms).");
        assertThat(GatewayBenchReport.verdict(List.of(low))).endsWith("not measured (no rate of at least 2000/s).");
    }

    @Test
    void writesItsOwnSectionOfTheBenchmarksDocument() {
        GatewayPhase met = phaseAnswering(2000, 2000, 4 * MS);
        GatewayBenchmark.Result result = new GatewayBenchmark.Result("gwbenchx", met, List.of(met),
                List.of("GWBENCHX_IN_OFFERS: 1,400 messages; 2xx answers 1,400 - 0 duplicates = 1,400: agree"), true);
        String section = new GatewayBenchReport(new GatewayBenchmark.Settings(), result)
                .section(java.time.Instant.parse("2026-11-30T20:00:00.5Z"), "2 cores (AMD EPYC), 24 GiB, Java 17.0.15, nats-server v2.9.10");
        assertThat(section).startsWith("## HTTP gateway: `bin/pangan bench-gateway`\n\nWritten by `bin/pangan bench-gateway --doc docs/BENCHMARKS.md`"
                + " on 2026-11-30T20:00:00Z; every figure below is from that run.\n\nMachine: 2 cores (AMD EPYC), 24 GiB, Java 17.0.15, nats-server v2.9.10.\n")
                .contains("Each rate runs 20 s, after a 5 s warm-up")
                .contains("\n| 2000 | 2000 | 2000 | 2000 | 0 | 4.0 / 4.0 / 4.0 / 4.0 |")
                .contains("\n\nWarm-up (not counted): 2000 requests at 2000/s, 0 not 2xx, latency ms p50 / p90 / p99 / max 4.0 / 4.0 / 4.0 / 4.0,"
                        + " gateway 0.00 cores, load generator 0.00 cores.\n\n")
                .contains("**met** at 2000/s.")
                .endsWith("- GWBENCHX_IN_OFFERS: 1,400 messages; 2xx answers 1,400 - 0 duplicates = 1,400: agree\n");
        String doc = new DocSection(GatewayBenchReport.START, GatewayBenchReport.END)
                .into("# Benchmarks\n\n## kept\n", section);
        assertThat(doc).startsWith("# Benchmarks\n\n## kept\n\n" + GatewayBenchReport.START + "\n## HTTP gateway")
                .endsWith(": agree\n" + GatewayBenchReport.END + "\n");
    }

    @Test
    void checksEachStreamAgainstThe2xxAnswersLessDuplicates() {
        assertThat(GatewayBenchmark.streamLine("GW_IN_OFFERS", 69_300, 70_000, 700))
                .isEqualTo("GW_IN_OFFERS: 69,300 messages; 2xx answers 70,000 - 700 duplicates = 69,300: agree");
        assertThat(GatewayBenchmark.streamLine("GW_IN_CLAIMS", 9_999, 10_000, 0)).endsWith(": DISAGREE by -1");
    }

    @Test
    void writesEachRequestAsOneHttp11MessageWithItsHeaders() {
        GatewayMix.Request r = new GatewayMix.Request(GatewayMix.Kind.OFFER, "POST", "/v1/offers", "{\"halal\":true,\"name\":\"é\"}",
                "pgk_k", "o-1", false);
        assertThat(new String(GatewayLoad.encode(r, "127.0.0.1:8088"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "POST /v1/offers HTTP/1.1\r\nHost: 127.0.0.1:8088\r\nAuthorization: Bearer pgk_k\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 26\r\nIdempotency-Key: o-1\r\n\r\n{\"halal\":true,\"name\":\"é\"}");
    }

    @Test
    void readsAResponseWithALengthInPieces() {
        HttpResponseParser p = new HttpResponseParser();
        String response = "HTTP/1.1 202 Accepted\r\nDate: x\r\nContent-Type: application/json\r\nContent-Length: 55\r\n\r\n"
                + "{\"stream\":\"PANGAN_IN_OFFERS\",\"seq\":7,\"duplicate\":false}";
        for (int i = 0; i < response.length() - 1; i++) {
            assertThat(p.feed(bytes(response.substring(i, i + 1)))).as("after %d bytes", i + 1).isFalse();
        }
        assertThat(p.feed(bytes("}"))).isTrue();
        assertThat(p.status()).isEqualTo(202);
        assertThat(p.body()).isEqualTo("{\"stream\":\"PANGAN_IN_OFFERS\",\"seq\":7,\"duplicate\":false}");
    }

    @Test
    void readsLengthChunkedAndToTheEndBodiesAndTheConnectionsFate() {
        HttpResponseParser p = new HttpResponseParser();
        assertThat(p.feed(bytes("HTTP/1.1 202 Accepted\r\nContent-Length: 4\r\n\r\n{}"))).isFalse();
        assertThat(p.feed(bytes("{}"))).isTrue();
        assertThat(p.status()).isEqualTo(202);
        assertThat(p.body()).isEqualTo("{}{}");
        assertThat(p.closes()).isFalse();

        p.reset();
        assertThat(p.feed(bytes("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{\"err\r\n"))).isFalse();
        assertThat(p.feed(bytes("4;x=y\r\nor\":\r\n0\r\n"))).isFalse();
        assertThat(p.feed(bytes("\r\n"))).isTrue();
        assertThat(p.status()).isEqualTo(503);
        assertThat(p.body()).isEqualTo("{\"error\":");
        assertThat(p.closes()).isTrue();

        p.reset();
        assertThat(p.feed(bytes("HTTP/1.0 200 OK\r\n\r\nall of it"))).isFalse();
        assertThat(p.endOfInput()).isTrue();
        assertThat(p.body()).isEqualTo("all of it");
        assertThat(p.closes()).isTrue();

        p.reset();
        assertThat(p.feed(bytes("HTTP/1.1 204 No Content\r\n\r\n"))).isTrue();
        assertThat(p.body()).isEmpty();
        p.reset();
        assertThat(p.feed(bytes("HTTP/1.1 202 Acc"))).isFalse();
        assertThat(p.endOfInput()).isFalse();
    }

    private static java.nio.ByteBuffer bytes(String s) {
        return java.nio.ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A phase whose every request is answered 2xx {@code latency} after its place in the schedule. */
    private static GatewayPhase phaseAnswering(int rate, int requests, long latencyNanos) {
        GatewayPhase p = new GatewayPhase(rate + "/s", rate, Duration.ofSeconds(1));
        p.startAt(0);
        for (int i = 0; i < requests; i++) {
            p.sent(p.due(i), p.due(i));
            p.answered(request(GatewayMix.Kind.OFFER, false), p.due(i), p.due(i) + latencyNanos, 202, "{\"duplicate\":false}");
        }
        return p;
    }

    private static GatewayMix.Request request(GatewayMix.Kind kind, boolean repeat) {
        return new GatewayMix.Request(kind, "POST", "/v1/offers", "{}", "pgk_x", null, repeat);
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("%s in %s", p, text).isTrue();
        return m.group(1);
    }
}
