package id.pahlawanpangan.operators;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.core.OfferLifecycle;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** One {@link CellMatcher} in a test harness, fed events of one cell. */
final class CellHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<Long, InputEvent, MatchEvent> harness;
    private final Set<String> ngosSeen = new HashSet<>();
    private final Fixtures fixtures;
    private int read;

    CellHarness(Fixtures fixtures) throws Exception {
        this(fixtures, MatchPolicy.DEFAULTS);
    }

    CellHarness(Fixtures fixtures, MatchPolicy policy) throws Exception {
        this.fixtures = fixtures;
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new CellMatcher(new OfferLifecycle(policy)), e -> e.cell, Types.LONG);
        harness.open();
    }

    /** Delivers events in the order given (not necessarily their time order). */
    void send(InputEvent... events) throws Exception {
        for (InputEvent e : events) {
            if (e.ngoId != null && e.type == InputType.NGO_AVAILABILITY) {
                ngosSeen.add(e.ngoId);
            }
            harness.processElement(e, e.eventTime);
        }
    }

    void advanceTo(long watermark) throws Exception {
        harness.processWatermark(watermark);
    }

    /** All output so far, as {@link Fixtures#describe} lines. */
    List<String> decisions() {
        return events().stream().map(Fixtures::describe).collect(Collectors.toList());
    }

    /** Output since the last call, as {@link Fixtures#describe} lines. */
    List<String> newDecisions() {
        List<MatchEvent> all = events();
        List<String> fresh = all.subList(read, all.size()).stream().map(Fixtures::describe).collect(Collectors.toList());
        read = all.size();
        return fresh;
    }

    List<MatchEvent> events() {
        return new ArrayList<>(harness.extractOutputValues());
    }

    /**
     * Runs time to the end, retires every NGO seen, and asserts that nothing is left: no timers,
     * no keyed state (offers, tombstones, indexes, buffered inputs, NGO snapshots).
     */
    void assertEverythingCleanedUp() throws Exception {
        long end = Fixtures.T0 + 400L * Fixtures.HOUR;
        for (String ngo : ngosSeen) {
            send(fixtures.ngo(ngo).inactive().availableAt(end));
        }
        advanceTo(Long.MAX_VALUE);
        assertThat(harness.numEventTimeTimers()).as("event time timers left").isZero();
        assertThat(harness.numKeyedStateEntries()).as("keyed state entries left").isZero();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
