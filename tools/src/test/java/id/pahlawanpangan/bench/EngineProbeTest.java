package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The probe's events: every key once in each run of `keys` events, event time rising; no key's timer due before its next event. */
class EngineProbeTest {
    @Test
    void visitsEveryKeyOnceInEachRoundWithRisingEventTime() {
        EngineProbe.ProbeEvents events = new EngineProbe.ProbeEvents(1_000);
        Set<Long> keys = new HashSet<>();
        long previous = -1;
        for (long i = 3_000; i < 4_000; i++) {
            EngineProbe.ProbeEvent e = events.map(i);
            keys.add(e.key);
            assertThat(e.time).isGreaterThan(previous);
            previous = e.time;
        }
        assertThat(keys).hasSize(1_000).allMatch(k -> k >= 0 && k < 1_000);
    }

    @Test
    void refusesMoreKeysThanATimerOutlasts() {
        EngineProbe.Settings s = new EngineProbe.Settings();
        s.keys = (int) (EngineProbe.TIMER_AHEAD_MS / EngineProbe.MS_PER_EVENT);
        assertThatThrownBy(() -> new EngineProbe(s)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys");
        s.keys = 200_000;
        new EngineProbe(s);
    }
}
