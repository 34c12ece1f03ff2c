package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The soak's verdict: thirds after warm-up compared, and the fitted growth per minute. */
class SoakVerdictTest {
    private static final double[] MINUTES = {0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6};

    @Test
    void aBoundedMeasureIsFlatAfterItsWarmUp() {
        // climbs while warming up, then wobbles around 100
        double[] mb = {10, 40, 70, 101, 98, 103, 99, 102, 97, 100, 104, 98};
        SoakVerdict v = SoakVerdict.of("heap", MINUTES, mb, 2, 1.25);

        assertThat(v.samples()).isEqualTo(9);
        assertThat(v.flat()).isTrue();
        assertThat(v.ratio()).isCloseTo(1.0, within(0.05));
        assertThat(v.slopePerMinute()).isCloseTo(0, within(1.0));
        assertThat(v.line("MB")).contains("flat (within × 1.25)");
    }

    @Test
    void aMeasureGrowingWithTimeIsNotFlatAndItsSlopeIsTheGrowthPerMinute() {
        double[] mb = new double[MINUTES.length];
        for (int i = 0; i < mb.length; i++) {
            mb[i] = 20 + 30 * MINUTES[i]; // 30 MB a minute
        }
        SoakVerdict v = SoakVerdict.of("RocksDB", MINUTES, mb, 2, 1.25);

        assertThat(v.slopePerMinute()).isCloseTo(30, within(1e-9));
        // first third: minutes 2, 2.5, 3 (mean 95 MB); last third: 5, 5.5, 6 (mean 185 MB)
        assertThat(v.firstThird()).isCloseTo(95, within(1e-9));
        assertThat(v.lastThird()).isCloseTo(185, within(1e-9));
        assertThat(v.flat()).isFalse();
        assertThat(v.line("MB")).contains("+30.00 MB/min").contains("grows (more than × 1.25)");
    }

    @Test
    void missingSamplesAreLeftOutAndTooFewGiveNoVerdict() {
        double[] mb = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, 50, 50};
        SoakVerdict v = SoakVerdict.of("checkpoint", MINUTES, mb, 2, 1.25);

        assertThat(v.decided()).isFalse();
        assertThat(v.flat()).isFalse();
        assertThat(v.line("MB")).contains("only 2 samples after warm-up, no verdict");
    }
}
