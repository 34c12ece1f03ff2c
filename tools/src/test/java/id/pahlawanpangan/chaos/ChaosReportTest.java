package id.pahlawanpangan.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosReportTest {
    @Test
    void aNewResultReplacesTheOldOneBetweenTheMarkersAndKeepsTheRest(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("RELIABILITY.md");
        Files.writeString(doc, "# Reliability\n\nprose\n\n" + ChaosReport.BEGIN + "\nold run\n" + ChaosReport.END + "\n\nmore prose\n");
        ChaosReport.write(doc, "new run\n");
        assertThat(Files.readString(doc)).isEqualTo("# Reliability\n\nprose\n\n" + ChaosReport.BEGIN + "\nnew run\n" + ChaosReport.END
                + "\n\nmore prose\n");
    }

    @Test
    void aDocumentWithoutMarkersGetsTheResultAppended(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("RELIABILITY.md");
        Files.writeString(doc, "# Reliability");
        ChaosReport.write(doc, "a run\n");
        assertThat(Files.readString(doc)).isEqualTo("# Reliability\n" + ChaosReport.BEGIN + "\na run\n" + ChaosReport.END + "\n");
    }
}
