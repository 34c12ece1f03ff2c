package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The issue's ratios, taken from given figures (no timing here), and judged against its targets. */
class BenchReportTest {
    private static final DayShape SHAPE = new DayShape(100, 10, 40, 5, 300);

    @Test
    void theEngineAgainstTheProbe() {
        BenchResults r = new BenchResults();
        r.probe = new Measurement("engine probe", "probe", 1_000_000, "events", 10, 18);
        r.engine = day("engine", 60_000, 3_000, 0, 200_000, 4, 7);

        assertThat(new BenchReport(r).ratios()).containsExactly(
                "- engine / probe: 50,000 input events/s / 100,000 events/s = 50.0 % (target ≥ 25 %, day of 60,000 offers, 3,000 NGOs): met");

        r.engine = day("engine", 60_000, 3_000, 0, 200_000, 10, 7);
        assertThat(new BenchReport(r).ratios().get(0)).contains("= 20.0 %").endsWith(": missed");
    }

    @Test
    void costPerInputEventAsNgosGrowJudgedForTheIssuesPairOnly() {
        BenchResults r = new BenchResults();
        r.ngoScaling.add(day("engine, 1,500 NGOs", 20_000, 1_500, 0, 100_000, 10, 10));
        r.ngoScaling.add(day("engine, 10,000 NGOs", 20_000, 10_000, 0, 200_000, 24, 28));
        r.ngoScaling.add(day("engine, 50,000 NGOs", 20_000, 50_000, 0, 400_000, 80, 100));

        assertThat(new BenchReport(r).ratios()).containsExactly(
                "- cost per input event, 10,000 NGOs / 1,500 NGOs: JVM CPU 1.40× (target ≤ 1.5×): met; wall 1.20×",
                "- cost per input event, 50,000 NGOs / 1,500 NGOs: JVM CPU 2.50×; wall 2.00×");
    }

    @Test
    void costPerOfferOfTheHotSpotDay() {
        BenchResults r = new BenchResults();
        r.uniform = day("engine, uniform day", 20_000, 1_500, 0, 80_000, 10, 10);
        r.hotSpot = day("engine, hot spot day", 20_000, 1_500, 0.5, 90_000, 15, 25);

        assertThat(new BenchReport(r).ratios()).containsExactly(
                "- cost per offer, hot spot day / uniform day (20,000 offers, 1,500 NGOs): JVM CPU 2.50× (target ≤ 2.0×): missed; wall 1.50×");
    }

    @Test
    void aTableRowPerMeasurementWithItsUnits() {
        BenchResults r = new BenchResults();
        r.rows.add(new Measurement("PostGIS sink", "idempotent inserts", 200_000, "decisions", 20, 5));
        DayRun run = day("engine", 60_000, 3_000, 0, 200_000, 4, 7);
        r.rows.add(run.measurement());
        r.days.add(run);

        String text = new BenchReport(r).text();

        assertThat(text).contains("| PostGIS sink | idempotent inserts | 200,000 decisions | 20.0 | 10,000 decisions/s | 0.025 |")
                .contains("| engine | day of 60,000 offers, 3,000 NGOs | 200,000 | 1,234 | 100 | 10.0 | 40.0 | 5.0 | 300 | 0.035 | 0.020 | 0.117 |");
        assertThat(text).doesNotContain("Ratios");
    }

    private static DayRun day(String name, int offers, int ngos, double hotspot, long lines, double wall, double cpu) {
        BenchDay day = new BenchDay(offers, ngos, hotspot, Path.of("day.jsonl"), lines, SHAPE);
        return new DayRun(day, new Measurement(name, day.label(), lines, "input events", wall, cpu), 1_234);
    }

}
