package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated days are kept, and a kept day is used only while the generator that made it is unchanged. */
class BenchDaysTest {
    @Test
    void generatesADayOnceAndReadsItBackAfterwards(@TempDir Path dir) throws Exception {
        BenchDays days = new BenchDays(dir, new Configuration());

        BenchDay first = days.day(200, 30, 0);

        DayGenerator.Settings s = new DayGenerator.Settings();
        s.offers = 200;
        s.ngos = 30;
        List<String> expected = new DayGenerator(s).generate();
        assertThat(Files.readAllLines(first.file(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(first.lines()).isEqualTo(expected.size());
        assertThat(first.shape().cellsWithNgos()).isPositive();

        // what is kept is what is replayed: a kept file is not generated again
        Files.write(first.file(), expected.subList(0, 10), StandardCharsets.UTF_8);
        BenchDay again = new BenchDays(dir, new Configuration()).day(200, 30, 0);
        assertThat(again.file()).isEqualTo(first.file());
        assertThat(again.lines()).isEqualTo(10);
    }

    @Test
    void namesADayByItsSizesAndTheGeneratorsDigest() {
        assertThat(BenchDays.fileName(20_000, 1_500, 0, "0123456789ab")).isEqualTo("day-20000o-1500n-0123456789ab.jsonl");
        assertThat(BenchDays.fileName(20_000, 1_500, 0.5, "0123456789ab")).isEqualTo("day-20000o-1500n-hotspot0.500-0123456789ab.jsonl");
    }

    @Test
    void theDigestChangesWithTheClassesThatMakeADay() throws Exception {
        String generator = BenchDays.digestOf(List.of(DayGenerator.class));
        assertThat(BenchDays.digestOf(List.of(DayGenerator.class))).isEqualTo(generator).hasSize(12);
        assertThat(BenchDays.digestOf(List.of(DayGenerator.class, Configuration.class))).isNotEqualTo(generator);
    }
}
