package id.pahlawanpangan.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pahlawanpangan.events.ReplayLines;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.testing.workload.DayGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated day as live input: every time in it compressed into a short span that starts a few
 * seconds from now, so that its events are dated by the wall clock as a real publisher's are
 * (contract v1.1: an event is late when it arrives more than the bound after its own time, and
 * rejected when it is dated more than the clock skew ahead). The job's durations are compressed
 * alike, so the day keeps its shape: claims inside claim windows, escalations, expiries.
 */
final class LiveDay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TIMES = {"event_time", "ready_at", "expires_at"};

    /** The input lines, in time order. */
    final List<String> lines;
    /** The job's settings for this day (its durations compressed as the day was). */
    final Map<String, String> settings;
    /** Event time of the first line. */
    final long startsAt;

    private LiveDay(List<String> lines, Map<String, String> settings, long startsAt) {
        this.lines = lines;
        this.settings = settings;
        this.startsAt = startsAt;
    }

    /** A generated day of this size, compressed into {@code span} starting {@code startIn} from now. */
    static LiveDay generate(int offers, int ngos, long seed, Duration span, Duration startIn) {
        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = offers;
        s.ngos = ngos;
        s.seed = seed;
        s.badInputRate = 0;
        return compress(new DayGenerator(s).generate(), span, System.currentTimeMillis() + startIn.toMillis());
    }

    /**
     * Offers keep for up to three days; compressed, that would still be minutes after the day's
     * last line. Their expiry is cut to this long after it, so a test ends soon after its day.
     */
    private static final long EXPIRY_TAIL_MS = 5_000;

    static LiveDay compress(List<String> day, Duration span, long startsAt) {
        long first = day.stream().mapToLong(l -> ReplayLines.peek(l).eventTime).min().orElseThrow();
        long last = day.stream().mapToLong(l -> ReplayLines.peek(l).eventTime).max().orElseThrow();
        double factor = (double) Math.max(1, last - first) / span.toMillis();
        long latestExpiry = startsAt + span.toMillis() + EXPIRY_TAIL_MS;
        List<String> lines = new ArrayList<>(day.size());
        for (String line : day) {
            lines.add(rescaled(line, first, startsAt, factor, latestExpiry));
        }
        return new LiveDay(lines, jobSettings(factor), startsAt);
    }

    /** The job's durations, {@code speed} times shorter: as the tools' simulator compresses them for the demo. */
    static Map<String, String> jobSettings(double speed) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("match.claim-window", Math.max(1, Math.round(600_000 / speed)) + " ms");
        s.put("match.escalate-before-expiry", Math.max(1, Math.round(1_800_000 / speed)) + " ms");
        s.put("match.closed-retention", Math.max(1, Math.round(86_400_000 / speed)) + " ms");
        return s;
    }

    private static String rescaled(String line, long first, long startsAt, double factor, long latestExpiry) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            Map<String, Long> times = new LinkedHashMap<>();
            for (String field : TIMES) {
                if (node.hasNonNull(field)) {
                    times.put(field, startsAt + Math.round((Times.parse(node.get(field).asText()) - first) / factor));
                }
            }
            Long expiresAt = times.get("expires_at");
            if (expiresAt != null && expiresAt > latestExpiry) {
                times.put("expires_at", Math.max(latestExpiry, Math.max(times.get("ready_at"), times.get("event_time")) + 1_000));
            }
            times.forEach((field, t) -> node.put(field, Times.format(t)));
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Event time of the last line. */
    long endsAt() {
        return lines.stream().mapToLong(l -> ReplayLines.peek(l).eventTime).max().orElseThrow();
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
