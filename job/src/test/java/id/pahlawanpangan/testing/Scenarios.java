package id.pahlawanpangan.testing;

import id.pahlawanpangan.core.Cause;
import id.pahlawanpangan.core.Decisions;
import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.core.SequentialMatcher;
import id.pahlawanpangan.events.DeadLetterPayload;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.StreamNumbering;
import id.pahlawanpangan.pipeline.MatchingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Replay files and the conformance scenarios, for tests. */
public final class Scenarios {
    private Scenarios() {}

    /** {@code ../shared/conformance} beside the checkout, or null when this machine has none. */
    public static Path conformanceDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/conformance").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static List<RawInput> readReplayFile(Path file) {
        try {
            StreamNumbering numbering = new StreamNumbering();
            List<RawInput> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(numbering.next(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decides a whole replay file with the sequential reference, rejections included, in decision order. */
    public static List<MatchEvent> decideSequentially(List<RawInput> inputs, MatchPolicy policy) {
        List<MatchEvent> out = new ArrayList<>();
        SequentialMatcher matcher = new SequentialMatcher(policy, out::add);
        InputParser parser = new InputParser(MatchingOptions.MAX_PAYLOAD_BYTES.defaultValue());
        List<InputEvent> valid = new ArrayList<>();
        Decisions rejections = new Decisions(out::add);
        for (RawInput raw : inputs) {
            ParsedInput parsed = parser.parse(raw);
            if (parsed.isValid()) {
                valid.add(parsed.event());
            } else {
                rejections.begin(Cause.unparsed(raw.stream, raw.seq, null));
                rejections.inputRejected(parsed.offerId(), parsed.at(), parsed.reason(), DeadLetterPayload.of(raw, parser.maxPayloadBytes()));
            }
        }
        valid.sort(SequentialMatcher.ORDER);
        valid.forEach(matcher::apply);
        matcher.advanceTo(Long.MAX_VALUE);
        out.sort(MatchEvent.DECISION_ORDER);
        return out;
    }

    public static void write(List<MatchEvent> events, Path file) {
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.add(MatchEventJson.write(e)));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the conformance kit's compare.py; returns its output, throws unless every offer matches. */
    public static String compare(Path expected, Path actual) {
        try {
            Process p = new ProcessBuilder("python3", conformanceDir().resolve("compare.py").toString(),
                    expected.toString(), actual.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                throw new AssertionError("compare.py failed (exit " + rc + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
