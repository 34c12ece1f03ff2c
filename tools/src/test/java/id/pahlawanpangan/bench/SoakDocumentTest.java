package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.chaos.FlinkRest;
import id.pahlawanpangan.events.OutputType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's section: a row per sample, the verdicts, the plot beside the document; the text around it kept. */
class SoakDocumentTest {
    private static final long MB = 1024 * 1024;

    @Test
    void writesTheTableTheVerdictsAndThePlotBetweenTheSoakMarkers(@TempDir Path dir) throws Exception {
        Soak.Settings settings = new Soak.Settings();
        settings.duration = Duration.ofMinutes(6);
        settings.sampleEvery = Duration.ofSeconds(30);
        settings.warmUp = Duration.ofMinutes(1);
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            SoakSample s = new SoakSample();
            s.minutes = i * 0.5;
            s.offersPosted = i * 30_000L;
            s.offersOpen = 20_000;
            s.awaitingFirstDecision = 900;
            s.eventTimeBehindMs = 1_200;
            s.heapAfterGcBytes = 300 * MB;
            s.rssBytes = 1500 * MB;
            s.rocksDbBytes = (40 + 10 * i) * MB; // grows: 20 MB a minute
            s.rocksDbInstances = 4;
            s.checkpoint = new FlinkRest.Checkpoint(i * 3L, 60 * MB, 5 * MB, 800, i * 3L);
            s.latencies.firstProposal.add(600);
            s.latencies.firstProposal.add(900);
            samples.add(s);
        }
        Map<OutputType, Long> closed = new EnumMap<>(OutputType.class);
        closed.put(OutputType.OFFER_COMPLETED, 300_000L);
        closed.put(OutputType.OFFER_EXPIRED, 30_000L);
        Soak.Run run = new Soak.Run(settings, Map.of("match.claim-window", "10000 ms"), samples, 12, 360_000, closed);
        Path doc = dir.resolve("BENCHMARKS.md");
        Files.writeString(doc, "# Benchmarks\n\nwritten by hand\n", StandardCharsets.UTF_8);

        new SoakDocument(run, "2 cores", Instant.parse("2026-11-30T12:00:00Z")).write(doc);

        String text = Files.readString(doc, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# Benchmarks\n\nwritten by hand\n\n<!-- soak: written by `make soak`; edit outside these markers -->\n")
                .endsWith("<!-- soak: end -->\n")
                .contains("| 0.5 | 30000 | 20000 | 900 | 1.2 | 300.0 | 1500.0 | 50.0 (4) | 60.0 / 5.0 (3, 800) | ")
                .contains("| 6.0 | 360000 | 20000 | 900 | 1.2 | 300.0 | 1500.0 | 160.0 (4) | 60.0 / 5.0 (36, 800) | ")
                .contains("Offers closed during the run: 330000 of 360000 posted (30000 offer.expired, 300000 offer.completed).")
                .contains("- heap after full GC: first third 300.0 MB, last third 300.0 MB (× 1.00)")
                .contains("- RocksDB on disk: first third")
                .contains("linear fit +20.00 MB/min")
                .contains("- the job kept up: after warm-up its event time stayed within 10 s of the clock (1.2 s at the end,"
                        + " 900 offers awaiting a first decision)")
                .contains("Verdict: NOT flat: RocksDB on disk grew by more than × 1.25\n")
                .contains("](soak.png)");
        assertThat(text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| min")).count()).isEqualTo(12);
        assertThat(dir.resolve("soak.png")).isNotEmptyFile();
    }

    @Test
    void aJobThatFellBehindIsSaidToHaveFallenBehindBesideItsGrowth() {
        Soak.Settings settings = new Soak.Settings();
        settings.duration = Duration.ofMinutes(3);
        settings.warmUp = Duration.ofMinutes(1);
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            SoakSample s = new SoakSample();
            s.minutes = i * 0.5;
            s.offersOpen = i * 30_000L;
            s.awaitingFirstDecision = i * 25_000L;
            s.eventTimeBehindMs = i * 20_000L; // a backlog growing with the time run
            s.heapAfterGcBytes = i * 50 * MB;
            s.rocksDbBytes = i * 10 * MB;
            s.checkpoint = new FlinkRest.Checkpoint(i, i * 20 * MB, 5 * MB, 800, i);
            samples.add(s);
        }
        Soak.Run run = new Soak.Run(settings, Map.of(), samples, 0, 180_000, Map.of());

        assertThat(run.keptUp()).isFalse();
        assertThat(SoakReport.verdicts(run))
                .contains("- the job did NOT keep up: after warm-up its event time fell more than 10 s behind the clock (120.0 s at"
                        + " the end, 150000 offers awaiting a first decision)")
                .contains("Verdict: NOT flat: heap after full GC, RocksDB on disk, checkpoint state size grew by more than × 1.25,"
                        + " while the job fell behind the load");
    }
}
