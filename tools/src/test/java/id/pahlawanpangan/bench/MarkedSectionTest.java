package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tool's section of a document: replaced between its markers, everything around kept. */
class MarkedSectionTest {
    private final MarkedSection soak = new MarkedSection("<!-- soak: start -->", "<!-- soak: end -->");

    @Test
    void replacesOnlyWhatIsBetweenTheMarkers() {
        String doc = "# Benchmarks\n\nbefore\n<!-- soak: start -->\nold table\n<!-- soak: end -->\nafter, written by hand\n";

        assertThat(soak.into(doc, "new table\n"))
                .isEqualTo("# Benchmarks\n\nbefore\n<!-- soak: start -->\nnew table\n<!-- soak: end -->\nafter, written by hand\n");
    }

    @Test
    void aDocumentWithoutTheMarkersGetsThemAtItsEnd() {
        String doc = "# Benchmarks\n\n<!-- bench-live: start -->\nlive\n<!-- bench-live: end -->\n";

        assertThat(soak.into(doc, "table\n"))
                .isEqualTo(doc + "\n<!-- soak: start -->\ntable\n<!-- soak: end -->\n");
    }

    @Test
    void writesANewDocumentWithATitle(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("docs/BENCHMARKS.md");
        soak.write(doc, "table\n");
        soak.write(doc, "second run\n");

        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .isEqualTo("# Benchmarks\n\n<!-- soak: start -->\nsecond run\n<!-- soak: end -->\n");
    }
}
