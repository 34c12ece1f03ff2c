package id.pahlawanpangan.operators;

import static id.pahlawanpangan.testing.Fixtures.HOUR;
import static id.pahlawanpangan.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.geo.CellGrid;
import id.pahlawanpangan.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NGO snapshots copied to the cells they reach, in event time order. */
class NgoRouterTest {
    private static final CellGrid GRID = new CellGrid(10);
    private final Fixtures f = new Fixtures();
    private KeyedOneInputStreamOperatorTestHarness<String, InputEvent, InputEvent> router;

    @BeforeEach
    void open() throws Exception {
        router = new KeyedOneInputStreamOperatorTestHarness<>(
                new NgoRouter(GRID, MatchPolicy.DEFAULTS), e -> e.ngoId, Types.STRING);
        router.open();
    }

    @AfterEach
    void close() throws Exception {
        router.close();
    }

    private Set<Long> cellsOf(InputEvent ngo) {
        return Arrays.stream(GRID.cellsTouching(ngo.lat, ngo.lon, ngo.radiusKm * 1.5)).boxed().collect(Collectors.toSet());
    }

    @Test
    void aSnapshotGoesToEveryCellItsOuterDiskTouches() throws Exception {
        InputEvent snapshot = f.ngo("ngo-a").radius(8).availableAt(T0);
        router.processElement(snapshot, snapshot.eventTime);
        router.processWatermark(T0);
        List<InputEvent> out = router.extractOutputValues();
        assertThat(out).allMatch(e -> e.active && e.ngoId.equals("ngo-a"));
        assertThat(out.stream().map(e -> e.cell).collect(Collectors.toSet())).isEqualTo(cellsOf(snapshot)).hasSizeGreaterThan(1);
        assertThat(out.stream().map(e -> e.cell).collect(Collectors.toList())).doesNotHaveDuplicates();
    }

    @Test
    void cellsOutOfReachOfANewSnapshotReceiveItAsInactive() throws Exception {
        InputEvent wide = f.ngo("ngo-a").radius(20).availableAt(T0);
        InputEvent narrow = f.ngo("ngo-a").radius(2).availableAt(T0 + HOUR);
        router.processElement(wide, wide.eventTime);
        router.processElement(narrow, narrow.eventTime);
        router.processWatermark(T0 + HOUR);
        List<InputEvent> second = router.extractOutputValues().stream().filter(e -> e.eventTime == T0 + HOUR).collect(Collectors.toList());
        Set<Long> stillInReach = cellsOf(narrow);
        assertThat(second.stream().map(e -> e.cell).collect(Collectors.toSet())).isEqualTo(cellsOf(wide));
        assertThat(second).allSatisfy(e -> assertThat(e.active).isEqualTo(stillInReach.contains(e.cell)));
        assertThat(second).anyMatch(e -> !e.active);
    }

    @Test
    void aSnapshotOlderThanTheOneHeldIsIgnoredWhateverTheArrivalOrder() throws Exception {
        InputEvent newer = f.ngo("ngo-a").capacity(5).availableAt(T0);
        router.processElement(newer, newer.eventTime);
        router.processWatermark(T0);
        int routed = router.extractOutputValues().size();
        InputEvent older = f.ngo("ngo-a").capacity(500).availableAt(T0 - HOUR);
        router.processElement(older, older.eventTime); // late: after the watermark
        assertThat(router.extractOutputValues()).hasSize(routed);
    }

    @Test
    void snapshotsArrivingOutOfOrderAreRoutedInEventTimeOrder() throws Exception {
        InputEvent later = f.ngo("ngo-a").capacity(5).availableAt(T0);
        InputEvent earlier = f.ngo("ngo-a").capacity(500).availableAt(T0 - HOUR);
        router.processElement(later, later.eventTime);
        router.processElement(earlier, earlier.eventTime);
        router.processWatermark(T0);
        List<Double> capacities = router.extractOutputValues().stream().map(e -> e.capacityKg).distinct().collect(Collectors.toList());
        assertThat(capacities).containsExactly(500.0, 5.0);
    }

    @Test
    void aSnapshotThatRepeatsTheOneHeldGoesNoFurtherButItsTimeCounts() throws Exception {
        InputEvent first = f.ngo("ngo-a").capacity(50).availableAt(T0);
        InputEvent repeat = f.ngo("ngo-a").capacity(50).availableAt(T0 + HOUR);
        router.processElement(first, first.eventTime);
        router.processElement(repeat, repeat.eventTime);
        router.processWatermark(T0 + HOUR);
        List<InputEvent> out = router.extractOutputValues();
        assertThat(out).isNotEmpty().allMatch(e -> e.eventTime == T0);
        assertThat(out.stream().map(e -> e.cell).collect(Collectors.toSet())).isEqualTo(cellsOf(first));

        // the held time is the repeat's: a snapshot dated between the two is older than it
        InputEvent between = f.ngo("ngo-a").capacity(500).availableAt(T0 + HOUR / 2);
        router.processElement(between, between.eventTime);
        assertThat(router.extractOutputValues()).hasSize(out.size());

        // anything else that changes goes out again, to every cell
        InputEvent changed = f.ngo("ngo-a").capacity(50).availableAt(T0 + 2 * HOUR);
        changed.hasColdChain = !repeat.hasColdChain;
        router.processElement(changed, changed.eventTime);
        router.processWatermark(T0 + 2 * HOUR);
        assertThat(router.extractOutputValues().stream().filter(e -> e.eventTime == T0 + 2 * HOUR).map(e -> e.cell)
                .collect(Collectors.toSet())).isEqualTo(cellsOf(changed));
    }

    @Test
    void onlyTheLatestSnapshotIsKeptAndNoTimerIsLeft() throws Exception {
        for (int i = 0; i < 5; i++) {
            InputEvent s = f.ngo("ngo-a").capacity(10 * i).availableAt(T0 + i * HOUR);
            router.processElement(s, s.eventTime);
        }
        router.processWatermark(T0 + 10 * HOUR);
        assertThat(router.numKeyedStateEntries()).isEqualTo(1);
        assertThat(router.numEventTimeTimers()).isZero();
    }
}
