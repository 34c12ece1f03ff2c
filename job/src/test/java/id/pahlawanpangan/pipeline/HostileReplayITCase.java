package id.pahlawanpangan.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.HostilePayloads;
import id.pahlawanpangan.events.HostilePayloads.Channel;
import id.pahlawanpangan.events.HostilePayloads.Hostile;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.ReplayLines;
import id.pahlawanpangan.events.StreamNumbering;
import id.pahlawanpangan.testing.Scenarios;
import id.pahlawanpangan.testing.workload.DayGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8 through the whole job: a small generated day with hostile lines inserted at random
 * (seeded) positions, and duplicate and contradictory events at their times, replayed on a
 * MiniCluster with no restarts allowed. The job must finish; every hostile line must come out as
 * exactly one input.rejected with a reason the contract allows and its payload; every
 * contradictory event must be decided as the contract says; and every other decision must be
 * exactly the one made for the same day without the added lines.
 *
 * <p><b>Event ids.</b> An id names its cause by stream position ({@code o69}: the 69th line of
 * the offer stream), and an added line whose type can be read takes a position in its stream, so
 * the lines after it are numbered one higher than in the clean day. Rather than add lines only
 * where they shift nothing (which would keep out every hostile line with a readable type), the
 * test numbers both files as the job does ({@link StreamNumbering}) and maps each clean line's
 * position in the dirty file back to its position in the clean one; an id is compared after that
 * mapping, so the ids are still checked, not ignored. On top of that, the job's output for the
 * dirty file must equal, ids as they are, the sequential reference's
 * ({@link Scenarios#decideSequentially}) for the same file.
 *
 * <p><b>Time.</b> Hostile lines may go anywhere, since a rejected line moves no stream's time,
 * except by a usable {@code received_at} (a replay line's stand-in for the JetStream server's
 * timestamp, which no publisher can set): lines whose {@code received_at} lies after the file's
 * time where they are put are drawn again. Contradictory events are valid input, so they go where
 * their event time puts them in the time-ordered file, as a real feed would deliver them.
 */
class HostileReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReplayClusterSupport.cluster();

    /** No restart: a payload that made the job fail even once would fail the test. */
    private static final Map<String, String> NO_RESTARTS = Map.of("restart-strategy.type", "none");
    private static final int PARALLELISM = 2;
    private static final int HOSTILE_LINES = 30;
    private static final int MAX_PAYLOAD_BYTES = MatchingOptions.MAX_PAYLOAD_BYTES.defaultValue();
    private static final Set<OutputType> TERMINAL = EnumSet.of(OutputType.OFFER_COMPLETED, OutputType.OFFER_EXPIRED,
            OutputType.OFFER_PICKUP_MISSED, OutputType.OFFER_CANCELLED);
    private static final long MINUTE = 60_000;

    @TempDir
    static Path dir;

    private static List<String> cleanDay;
    private static List<String> cleanDecisions;

    /** The day without added lines, and the job's decisions about it (replayed once for every seed). */
    private static synchronized void decideTheCleanDay() throws Exception {
        if (cleanDay != null) {
            return;
        }
        DayGenerator.Settings settings = new DayGenerator.Settings();
        settings.offers = 80;
        settings.ngos = 20;
        settings.seed = 11;
        settings.badInputRate = 0;
        cleanDay = new DayGenerator(settings).generate();
        Path clean = Files.write(dir.resolve("clean.jsonl"), cleanDay, UTF_8);
        cleanDecisions = ReplayClusterSupport.replay(clean, PARALLELISM, NO_RESTARTS);
        assertThat(cleanDecisions).as("the clean day has decisions to disturb").hasSizeGreaterThan(100);
    }

    /** A line added to the day, and what the contract says must come of it. */
    private static final class Added {
        final String line;
        final String what;
        /** Checks the outputs the line causes (all of them: an empty list for an ignored line). */
        final Predicate<List<MatchEvent>> expected;

        Added(String line, String what, Predicate<List<MatchEvent>> expected) {
            this.line = line;
            this.what = what;
            this.expected = expected;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void hostileAndContradictoryLinesAreDecidedAsTheContractSaysAndTheRestAsWithoutThem(long seed) throws Exception {
        decideTheCleanDay();
        Random random = new Random(seed);
        List<String> dirty = new ArrayList<>(cleanDay);
        Map<Integer, Added> added = new HashMap<>(); // by index in the dirty file, kept up to date on insertion
        for (Added a : contradictions(random)) {
            insert(dirty, added, positionInTime(dirty, ReplayLines.peek(a.line).eventTime), a);
        }
        Arbitrary<Hostile> hostile = HostilePayloads.hostile(Channel.REPLAY);
        List<Hostile> drawn = new ArrayList<>();
        JqwikSession.start(); // the generator drawn from outside a property, with this test's seeded Random
        try {
            for (int i = 0; i < 20 * HOSTILE_LINES; i++) {
                drawn.add(hostile.generator(1000).next(random).value());
            }
        } finally {
            JqwikSession.finish();
        }
        int inserted = 0;
        for (Hostile h : drawn) {
            if (inserted == HOSTILE_LINES) {
                break;
            }
            String line = new String(h.bytes, UTF_8); // as the job's file reader decodes it
            int at = 1 + random.nextInt(dirty.size()); // never the first line, whose byte-order mark is dropped
            if (!fitsAt(h, line, dirty, added, at)) {
                continue;
            }
            insert(dirty, added, at, hostileLine(h, line));
            inserted++;
        }
        assertThat(inserted).as("hostile lines that must be rejected, among those drawn").isEqualTo(HOSTILE_LINES);
        Path file = Files.write(dir.resolve("dirty-" + seed + ".jsonl"), dirty, UTF_8);

        List<String> job = ReplayClusterSupport.replay(file, PARALLELISM, NO_RESTARTS); // never fails
        List<String> reference = ReplayClusterSupport.lines(
                Scenarios.decideSequentially(Scenarios.readReplayFile(file), MatchPolicy.DEFAULTS));
        assertThat(job).as("the job against the sequential reference, seed %d", seed).containsExactlyElementsOf(reference);

        // each added line's outputs, by its stream position; every other output, renamed to the clean day's positions
        Map<String, Integer> addedByCause = new HashMap<>();
        Map<String, String> cleanCause = new HashMap<>();
        numberBoth(dirty, added, addedByCause, cleanCause);
        assertThat(addedByCause.keySet()).as("added lines that take a place in the offer, NGO and claim streams")
                .anyMatch(c -> c.charAt(0) == 'o').anyMatch(c -> c.charAt(0) == 'c').anyMatch(c -> c.charAt(0) == 'u');
        assertThat(added.values()).filteredOn(a -> a.what.startsWith("contradiction")).hasSizeGreaterThanOrEqualTo(12);
        Map<Integer, List<MatchEvent>> byAdded = new LinkedHashMap<>();
        added.keySet().forEach(i -> byAdded.put(i, new ArrayList<>()));
        List<String> rest = new ArrayList<>();
        for (String json : job) {
            MatchEvent e = MatchEventJson.read(json);
            String[] id = e.eventId.split("/");
            Integer from = addedByCause.get(id[1]);
            if (from != null) {
                byAdded.get(from).add(e);
            } else {
                e.eventId = id[0] + "/" + cleanCause.getOrDefault(id[1], id[1]) + "/" + id[2];
                rest.add(MatchEventJson.write(e));
            }
        }
        for (Map.Entry<Integer, List<MatchEvent>> a : byAdded.entrySet()) {
            Added line = added.get(a.getKey());
            assertThat(line.expected.test(a.getValue()))
                    .as("seed %d, line %d: %s\n  %s\ncame out as %s", seed, a.getKey() + 1, line.what, abbreviate(line.line),
                            a.getValue().stream().map(MatchEventJson::write).map(HostileReplayITCase::abbreviate).collect(Collectors.toList()))
                    .isTrue();
        }
        assertThat(rest).as("the day's own decisions, seed %d", seed).containsExactlyElementsOf(cleanDecisions);
    }

    // ---------------------------------------------------------------- hostile lines

    /**
     * Whether the payload can go at this position: a line of the file (not blank, no line break),
     * one the contract requires to be rejected (a valid one is the other tests' business), and no
     * usable receive time later than the file's time there.
     */
    private static boolean fitsAt(Hostile h, String line, List<String> dirty, Map<Integer, Added> added, int at) {
        if (line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || h.mayBeValid()) {
            return false;
        }
        ReplayLines.Peek peek = ReplayLines.peek(line);
        if (peek.receivedAt == RawInput.NO_RECEIVE_TIME || peek.receivedAtProblem != null) {
            return true;
        }
        long timeHere = Long.MIN_VALUE;
        for (int i = 0; i < at; i++) {
            if (!added.containsKey(i) || added.get(i).what.startsWith("contradiction")) {
                timeHere = Math.max(timeHere, ReplayLines.peek(dirty.get(i)).eventTime);
            }
        }
        return peek.receivedAt <= timeHere;
    }

    private static Added hostileLine(Hostile h, String line) {
        return new Added(line, "hostile: " + h.story + ", allowed " + h.allowed, out -> {
            if (out.size() != 1 || out.get(0).type != OutputType.INPUT_REJECTED || !h.allowed.contains(out.get(0).reason)) {
                return false;
            }
            return keepsPayload(out.get(0), line.getBytes(UTF_8));
        });
    }

    /** The dead letter keeps the line as text, or as base64 if it holds NUL, cut to the limit and marked if cut. */
    private static boolean keepsPayload(MatchEvent e, byte[] original) {
        byte[] kept = e.payload != null ? e.payload.getBytes(UTF_8) : e.payloadBase64 != null ? Base64.getDecoder().decode(e.payloadBase64) : null;
        if (kept == null || kept.length > MAX_PAYLOAD_BYTES || (e.payload != null && e.payload.indexOf('\0') >= 0)) {
            return false;
        }
        boolean prefix = Arrays.equals(kept, Arrays.copyOf(original, kept.length));
        return prefix && Boolean.TRUE.equals(e.payloadTruncated) == (kept.length < original.length)
                && (kept.length == original.length || original.length > MAX_PAYLOAD_BYTES);
    }

    // ---------------------------------------------------------------- duplicate and contradictory events

    /**
     * Repeated postings (same content, other content), claims and declines by an NGO that holds
     * nothing, a pickup before the claim, cancellations by another provider or of an unknown or
     * closed offer: each with the outcome contract section 4 gives it, worked out from the clean
     * day's decisions (who claimed when, when the offer closed).
     */
    private static List<Added> contradictions(Random random) {
        InputParser parser = new InputParser(MAX_PAYLOAD_BYTES);
        StreamNumbering numbering = new StreamNumbering();
        Map<String, InputEvent> postings = new LinkedHashMap<>();
        for (String line : cleanDay) {
            ParsedInput p = parser.parse(numbering.next(line));
            if (p.isValid() && p.event().type == InputType.OFFER_POSTED) {
                postings.putIfAbsent(p.event().offerId, p.event());
            }
        }
        Map<String, Long> closedAt = new HashMap<>();
        Map<String, MatchEvent> firstClaim = new HashMap<>();
        Map<String, Long> afterFirstClaim = new HashMap<>();
        for (String json : cleanDecisions) {
            MatchEvent e = MatchEventJson.read(json);
            if (firstClaim.containsKey(e.offerId) && e.at > firstClaim.get(e.offerId).at) {
                afterFirstClaim.putIfAbsent(e.offerId, e.at);
            }
            if (TERMINAL.contains(e.type)) {
                closedAt.putIfAbsent(e.offerId, e.at);
            } else if (e.type == OutputType.OFFER_CLAIMED) {
                firstClaim.putIfAbsent(e.offerId, e);
            }
        }
        List<String> offers = postings.keySet().stream()
                .filter(o -> closedAt.containsKey(o) && closedAt.get(o) - postings.get(o).eventTime >= 2)
                .collect(Collectors.toList());
        List<Added> out = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            InputEvent posted = postings.get(offers.get(random.nextInt(offers.size())));
            String offer = posted.offerId;
            long closed = closedAt.get(offer);
            long open = posted.eventTime + 1 + (long) (random.nextDouble() * (closed - posted.eventTime - 1)); // posted < open < closed
            String intruder = "ngo-intruder-" + k;
            switch (k % 6) {
                case 0: {
                    InputEvent changed = copyAt(posted, open);
                    changed.quantityKg = posted.quantityKg + 1;
                    out.add(new Added(InputEventJson.write(changed), "contradiction: " + offer + " posted again with other content",
                            rejected(OutputType.INPUT_REJECTED, offer, null, "duplicate_offer_id")));
                    InputEvent same = copyAt(posted, open);
                    out.add(new Added(InputEventJson.write(same), "contradiction: " + offer + " posted again as it was", List::isEmpty));
                    break;
                }
                case 1:
                    out.add(new Added(InputEventJson.write(answer(InputType.CLAIM_ACCEPTED, offer, intruder, open)),
                            "contradiction: claim of " + offer + " by " + intruder, rejected(OutputType.CLAIM_REJECTED, offer, intruder, "not_holder")));
                    out.add(new Added(InputEventJson.write(answer(InputType.CLAIM_DECLINED, offer, intruder, open)),
                            "contradiction: decline of " + offer + " by " + intruder, rejected(OutputType.CLAIM_REJECTED, offer, intruder, "not_holder")));
                    break;
                case 2: {
                    MatchEvent claim = firstClaim.get(offer);
                    if (claim != null && claim.at - posted.eventTime >= 2) {
                        long before = posted.eventTime + 1 + (long) (random.nextDouble() * (claim.at - posted.eventTime - 1));
                        InputEvent pickup = answer(InputType.PICKUP_COMPLETED, offer, claim.ngoId, before);
                        pickup.pickedKg = 1;
                        out.add(new Added(InputEventJson.write(pickup), "contradiction: pickup of " + offer + " by " + claim.ngoId + " before its claim",
                                rejected(OutputType.CLAIM_REJECTED, offer, claim.ngoId, "not_claimer")));
                    }
                    InputEvent late = answer(InputType.PICKUP_COMPLETED, offer, intruder, closed + MINUTE);
                    late.pickedKg = 2;
                    out.add(new Added(InputEventJson.write(late), "contradiction: pickup of " + offer + " a minute after it closed",
                            rejected(OutputType.CLAIM_REJECTED, offer, intruder, "offer_closed")));
                    break;
                }
                case 3:
                    out.add(new Added(InputEventJson.write(cancellation(offer, "prov-intruder", open)), "contradiction: " + offer + " cancelled by another provider",
                            rejected(OutputType.INPUT_REJECTED, offer, null, "not_provider")));
                    out.add(new Added(InputEventJson.write(cancellation(offer, posted.providerId, closed + MINUTE)),
                            "contradiction: " + offer + " cancelled a minute after it closed", rejected(OutputType.INPUT_REJECTED, offer, null, "offer_closed")));
                    break;
                case 4:
                    out.add(new Added(InputEventJson.write(cancellation("ghost-" + k, "prov-ghost", open)), "contradiction: an unknown offer cancelled",
                            rejected(OutputType.INPUT_REJECTED, "ghost-" + k, null, "unknown_offer")));
                    out.add(new Added(InputEventJson.write(answer(InputType.CLAIM_ACCEPTED, "ghost-" + k, intruder, open)), "contradiction: an unknown offer claimed",
                            rejected(OutputType.CLAIM_REJECTED, "ghost-" + k, intruder, "unknown_offer")));
                    break;
                default: {
                    MatchEvent claim = firstClaim.get(offer);
                    Long next = afterFirstClaim.get(offer);
                    if (claim != null && next != null) {
                        // the claimer says it again while the offer is still claimed, before anything else happens to it: ignored
                        long again = claim.at + 1 + (long) (random.nextDouble() * Math.max(0, next - claim.at - 2));
                        if (again < next) {
                            out.add(new Added(InputEventJson.write(answer(InputType.CLAIM_ACCEPTED, offer, claim.ngoId, again)),
                                    "contradiction: " + offer + " claimed again by its claimer " + claim.ngoId, List::isEmpty));
                        }
                    }
                    break;
                }
            }
        }
        return out;
    }

    private static Predicate<List<MatchEvent>> rejected(OutputType type, String offer, String ngo, String reason) {
        return out -> out.size() == 1 && out.get(0).type == type && offer.equals(out.get(0).offerId) && reason.equals(out.get(0).reason)
                && (ngo == null || ngo.equals(out.get(0).ngoId));
    }

    private static InputEvent copyAt(InputEvent e, long at) {
        InputEvent copy = e.copy();
        copy.eventTime = at;
        return copy;
    }

    private static InputEvent answer(InputType type, String offer, String ngo, long at) {
        InputEvent e = new InputEvent();
        e.type = type;
        e.offerId = offer;
        e.ngoId = ngo;
        e.eventTime = at;
        return e;
    }

    private static InputEvent cancellation(String offer, String provider, long at) {
        InputEvent e = new InputEvent();
        e.type = InputType.OFFER_CANCELLED;
        e.offerId = offer;
        e.providerId = provider;
        e.eventTime = at;
        return e;
    }

    // ---------------------------------------------------------------- the file and its numbering

    /** After the last line of the time-ordered file that is not later than {@code t} (added hostile lines aside). */
    private static int positionInTime(List<String> lines, long t) {
        int at = lines.size();
        while (at > 1 && ReplayLines.peek(lines.get(at - 1)).eventTime > t) {
            at--;
        }
        return at;
    }

    private static void insert(List<String> lines, Map<Integer, Added> added, int at, Added line) {
        Map<Integer, Added> shifted = new HashMap<>();
        added.forEach((i, a) -> shifted.put(i >= at ? i + 1 : i, a));
        added.clear();
        added.putAll(shifted);
        lines.add(at, line.line);
        added.put(at, line);
    }

    /**
     * Numbers the dirty file as the job does and the clean lines in it as the clean day was
     * numbered: the cause code of each added line, and for each clean line its code in the clean day.
     */
    private static void numberBoth(List<String> dirty, Map<Integer, Added> added, Map<String, Integer> addedByCause, Map<String, String> cleanCause) {
        StreamNumbering inDirty = new StreamNumbering();
        StreamNumbering inClean = new StreamNumbering();
        for (int i = 0; i < dirty.size(); i++) {
            if (dirty.get(i).isBlank()) {
                continue;
            }
            RawInput d = inDirty.next(dirty.get(i));
            String code = d.stream.code() + Long.toString(d.seq);
            if (added.containsKey(i)) {
                addedByCause.put(code, i);
            } else {
                RawInput c = inClean.next(dirty.get(i));
                cleanCause.put(code, c.stream.code() + Long.toString(c.seq));
            }
        }
    }

    private static String abbreviate(String s) {
        String shown = s.replace("\0", "\\0");
        return shown.length() > 400 ? shown.substring(0, 300) + "...(" + s.length() + " chars)" : shown;
    }
}
