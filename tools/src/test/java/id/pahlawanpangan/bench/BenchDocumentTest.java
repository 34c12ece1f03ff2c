package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make bench's section of docs/BENCHMARKS.md: the command, the tables and the ratios between its markers, the plot beside it. */
class BenchDocumentTest {
    private static final DayShape SHAPE = new DayShape(100, 10, 40, 5, 300);

    @Test
    void writesItsSectionAndThePlotOfTheNgoSeries(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("BENCHMARKS.md");
        String live = "# Benchmarks\n\n<!-- bench-live: written by `make bench-live`; edit outside these markers -->\nlive\n<!-- bench-live: end -->\n";
        Files.writeString(doc, live, StandardCharsets.UTF_8);
        BenchResults r = new BenchResults();
        for (int ngos : new int[] {1_500, 10_000, 50_000}) {
            DayRun run = day(ngos, 100_000 + ngos, 10 + ngos / 1_000.0);
            r.ngoScaling.add(run);
            r.add(run);
        }

        new BenchDocument(r, "bin/pangan bench --only ngos").write(doc);

        String written = Files.readString(doc, StandardCharsets.UTF_8);
        assertThat(written).startsWith(live);
        String section = written.substring(live.length());
        assertThat(section).startsWith("\n" + BenchDocument.START + "\n## Throughput: `make bench`\n\nWritten by `bin/pangan bench --only ngos` on ")
                .contains("| engine, 10,000 NGOs | day of 20,000 offers, 10,000 NGOs, output counted | 110,000 input events |")
                .contains("- cost per input event, 10,000 NGOs / 1,500 NGOs: JVM CPU ")
                .contains("![engine cost per input event against the day's NGOs](bench-ngos.png)")
                .endsWith(BenchDocument.END + "\n")
                .doesNotContain("*engine probe*", "*sinks*");
        BufferedImage plot = ImageIO.read(dir.resolve("bench-ngos.png").toFile());
        assertThat(plot.getWidth()).isEqualTo(900);
    }

    @Test
    void leavesThePlotOutWithoutAnNgoSeries(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("BENCHMARKS.md");
        BenchResults r = new BenchResults();
        r.probe = new Measurement("engine probe", "probe", 1_000_000, "events", 10, 18);
        r.add(r.probe);

        new BenchDocument(r, "bin/pangan bench --only probe").write(doc);

        assertThat(Files.readString(doc, StandardCharsets.UTF_8)).contains("*engine probe*", "| engine probe | probe | 1,000,000 events |")
                .doesNotContain("bench-ngos.png");
        assertThat(dir.resolve("bench-ngos.png")).doesNotExist();
    }

    private static DayRun day(int ngos, long lines, double cpu) {
        BenchDay day = new BenchDay(20_000, ngos, 0, Path.of("day.jsonl"), lines, SHAPE);
        return new DayRun(day, new Measurement(String.format("engine, %,d NGOs", ngos), day.label() + ", output counted", lines, "input events",
                cpu * 0.8, cpu), 1_000);
    }
}
