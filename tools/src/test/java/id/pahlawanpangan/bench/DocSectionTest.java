package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' sections of docs/BENCHMARKS.md: each rewritten between its markers, everything else kept. */
class DocSectionTest {
    private static final String LIVE_START = "<!-- bench-live: written by `make bench-live`; edit outside these markers -->";
    private static final String LIVE_END = "<!-- bench-live: end -->";
    private static final String LIVE_DOC = "# Benchmarks\n\n" + LIVE_START + "\n## Real time\n\nlive figures\n" + LIVE_END
            + "\n\n## What the profile showed\n\nnotes kept by hand\n";

    private final DocSection bench = new DocSection(BenchDocument.START, BenchDocument.END);

    @Test
    void startsADocumentThatIsNotThere(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("docs/BENCHMARKS.md");

        bench.write(doc, "## Throughput\n\nfigures\n");

        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .isEqualTo("# Benchmarks\n\n" + BenchDocument.START + "\n## Throughput\n\nfigures\n" + BenchDocument.END + "\n");
    }

    @Test
    void addsItsSectionAtTheEndLeavingTheLiveSectionAndTheNotesAlone() {
        String written = bench.into(LIVE_DOC, "## Throughput\n\nfigures");

        assertThat(written).startsWith(LIVE_DOC)
                .endsWith("notes kept by hand\n\n" + BenchDocument.START + "\n## Throughput\n\nfigures\n" + BenchDocument.END + "\n");
    }

    @Test
    void replacesOnlyWhatIsBetweenItsMarkers() {
        String first = bench.into(LIVE_DOC, "old figures\n") + "\nwritten after the section by hand\n";

        String second = bench.into(first, "new figures\n");

        assertThat(second).isEqualTo(first.replace("old figures\n", "new figures\n"));
        assertThat(bench.into(second, "new figures\n")).isEqualTo(second);
    }

    @Test
    void theLiveBenchmarkRewritesItsOwnSectionOnly() {
        String both = bench.into(LIVE_DOC, "throughput figures\n");

        String rewritten = new DocSection(LIVE_START, LIVE_END).into(both, "## Real time\n\nnew live figures\n");

        assertThat(rewritten).isEqualTo(both.replace("\nlive figures\n", "\nnew live figures\n"));
        assertThat(rewritten).contains("throughput figures\n", "notes kept by hand\n");
    }
}
