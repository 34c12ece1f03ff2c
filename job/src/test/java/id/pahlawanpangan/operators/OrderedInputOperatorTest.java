package id.pahlawanpangan.operators;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The order in which a keyed stage applies its inputs (contract section 2), and what becomes of
 * inputs still waiting for the watermark at a checkpoint: restored once, by the subtask that owns
 * their key, whatever the new parallelism, and moved out of the keyed state of earlier builds.
 */
class OrderedInputOperatorTest {
    private static final int MAX_PARALLELISM = 128;

    /** Says what it is given, and when its timers fire; each posting sets a timer 10 ms later. */
    static final class Journal extends OrderedInputOperator<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        protected String keyOf(InputEvent e) {
            return e.offerId;
        }

        @Override
        protected void apply(InputEvent e) {
            emit(e.offerId + " " + e.type.wireName() + "@" + e.eventTime + "#" + e.seq);
            if (e.type == InputType.OFFER_POSTED) {
                timers().registerEventTimeTimer(e.eventTime + 10);
            }
        }

        @Override
        protected void onTimer(long time) {
            emit(getCurrentKey() + " timer@" + time);
        }
    }

    private static InputEvent event(String offerId, InputType type, long time, long seq) {
        InputEvent e = new InputEvent();
        e.offerId = offerId;
        e.type = type;
        e.eventTime = time;
        e.stream = type.stream();
        e.seq = seq;
        return e;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, InputEvent, String> harness(int parallelism, int subtask) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new Journal(), e -> e.offerId, Types.STRING,
                MAX_PARALLELISM, parallelism, subtask);
    }

    private static int waiting(KeyedOneInputStreamOperatorTestHarness<String, InputEvent, String> h) {
        return ((Journal) h.getOperator()).waitingEvents();
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, InputEvent, String> h, InputEvent... events) throws Exception {
        for (InputEvent e : events) {
            h.processElement(e, e.eventTime);
        }
    }

    @Test
    void inputsWaitForTheWatermarkAndAreAppliedInTheContractsOrder() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            send(h,
                    event("o1", InputType.CLAIM_ACCEPTED, 200, 7),
                    event("o1", InputType.OFFER_POSTED, 100, 2),
                    event("o1", InputType.OFFER_CANCELLED, 200, 3),
                    event("o1", InputType.CLAIM_DECLINED, 200, 6));
            h.processWatermark(99);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(waiting(h)).isEqualTo(4);

            h.processWatermark(300);
            assertThat(h.extractOutputValues()).containsExactly(
                    "o1 offer.posted@100#2",
                    "o1 timer@110",
                    // at equal time: cancellation, then decline, then acceptance (type priority)
                    "o1 offer.cancelled@200#3",
                    "o1 claim.declined@200#6",
                    "o1 claim.accepted@200#7");
            assertThat(waiting(h)).isZero();
        }
    }

    @Test
    void aTimerDueAtAnInputsTimeFiresBeforeIt() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            send(h, event("o1", InputType.OFFER_POSTED, 100, 1), event("o1", InputType.OFFER_CANCELLED, 110, 2));
            h.processWatermark(110);
            assertThat(h.extractOutputValues()).containsExactly(
                    "o1 offer.posted@100#1", "o1 timer@110", "o1 offer.cancelled@110#2");
        }
    }

    @Test
    void anInputLaterThanTheWatermarkIsAppliedAtOnce() throws Exception {
        try (var h = harness(1, 0)) {
            h.open();
            h.processWatermark(500);
            send(h, event("o1", InputType.OFFER_CANCELLED, 400, 1));
            assertThat(h.extractOutputValues()).containsExactly("o1 offer.cancelled@400#1");
            assertThat(waiting(h)).isZero();
        }
    }

    @Test
    void waitingInputsAreRestoredOnceEachByTheSubtaskOfTheirKeyAtAnotherParallelism() throws Exception {
        List<String> offers = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(1, 0)) {
            h.open();
            for (int i = 0; i < 40; i++) {
                offers.add("offer-" + i);
                send(h, event("offer-" + i, InputType.OFFER_POSTED, 1_000 + i, i));
            }
            h.processWatermark(999);
            snapshot = h.snapshot(1, 1);
        }

        List<String> applied = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var h = harness(2, subtask)) {
                h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1, 2, subtask));
                h.open();
                int restored = waiting(h);
                assertThat(restored).as("subtask %d keeps only its own keys' inputs", subtask).isBetween(1, 39);
                h.processWatermark(2_000);
                List<String> out = h.extractOutputValues().stream().filter(s -> s.contains("offer.posted")).toList();
                assertThat(out).hasSize(restored);
                applied.addAll(out);
            }
        }
        assertThat(applied).hasSize(40)
                .containsExactlyInAnyOrderElementsOf(offers.stream().map(o -> o + " offer.posted@" + (1_000 + offers.indexOf(o)) + "#" + offers.indexOf(o)).toList());
    }

    @Test
    void inputsThatAnEarlierBuildKeptWaitingInKeyedStateAreMovedAndApplied() throws Exception {
        OperatorSubtaskState legacy;
        try (var h = harness(1, 0)) {
            h.open();
            // the layout of earlier builds: per key, event time -> the inputs waiting at that time
            var backend = h.getOperator().getKeyedStateBackend();
            MapState<Long, InputEvent[]> pending = backend.getPartitionedState(
                    VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, StateTypes.pendingInputs());
            backend.setCurrentKey("o1");
            pending.put(300L, new InputEvent[] {event("o1", InputType.OFFER_CANCELLED, 300, 4)});
            pending.put(200L, new InputEvent[] {event("o1", InputType.OFFER_POSTED, 200, 3)});
            backend.setCurrentKey("o2");
            pending.put(250L, new InputEvent[] {event("o2", InputType.OFFER_POSTED, 250, 5)});
            legacy = h.snapshot(1, 1);
        }
        try (var h = harness(1, 0)) {
            h.initializeState(legacy);
            h.open();
            assertThat(waiting(h)).isEqualTo(3);
            assertThat(h.numKeyedStateEntries()).as("the keyed copies are gone").isZero();
            h.processWatermark(1_000);
            assertThat(h.extractOutputValues()).containsExactly(
                    "o1 offer.posted@200#3", "o1 timer@210", "o2 offer.posted@250#5", "o2 timer@260", "o1 offer.cancelled@300#4");
        }
    }
}
