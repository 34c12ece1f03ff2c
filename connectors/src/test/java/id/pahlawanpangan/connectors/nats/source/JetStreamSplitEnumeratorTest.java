package id.pahlawanpangan.connectors.nats.source;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSourceSplit;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class JetStreamSplitEnumeratorTest {
    private final MockSplitEnumeratorContext<MockSourceSplit> context = new MockSplitEnumeratorContext<>(1);

    @Test
    void aReaderGetsItsSplitWhenItRegisters() {
        JetStreamSplitEnumerator<MockSourceSplit> enumerator = new JetStreamSplitEnumerator<>(context, List.of(split(1)));
        enumerator.start();
        assertThat(assignedTo(0)).isEmpty();

        register(0);
        enumerator.addReader(0);

        assertThat(assignedTo(0)).containsExactly("1");
        assertThat(enumerator.snapshotState(1)).as("owned by the reader now, so in its checkpoint").isEmpty();
    }

    @Test
    void aSplitGivenBackAfterAFailureIsAssignedAgainWhenTheReaderReturns() {
        JetStreamSplitEnumerator<MockSourceSplit> enumerator = new JetStreamSplitEnumerator<>(context, List.of(split(1)));
        enumerator.start();
        register(0);
        enumerator.addReader(0);
        MockSourceSplit assigned = context.getSplitsAssignmentSequence().get(0).assignment().get(0).get(0);

        // the reader fails before a checkpoint holds its split: Flink gives the split back
        context.unregisterReader(0);
        enumerator.addSplitsBack(List.of(assigned), 0);
        assertThat(ids(enumerator.snapshotState(2))).as("a checkpoint meanwhile keeps it").containsExactly("1");

        register(0);
        enumerator.addReader(0);

        assertThat(assignedTo(0)).containsExactly("1", "1");
        assertThat(enumerator.snapshotState(3)).isEmpty();
    }

    @Test
    void aSplitGivenBackWhileItsReaderIsRegisteredIsAssignedAtOnce() {
        JetStreamSplitEnumerator<MockSourceSplit> enumerator = new JetStreamSplitEnumerator<>(context, List.of());
        register(0);
        enumerator.addSplitsBack(List.of(split(3)), 0);
        assertThat(assignedTo(0)).containsExactly("3");
    }

    @Test
    void splitsAreSpreadOverTheReadersInTheOrderOfTheirIds() {
        MockSplitEnumeratorContext<MockSourceSplit> two = new MockSplitEnumeratorContext<>(2);
        JetStreamSplitEnumerator<MockSourceSplit> enumerator = new JetStreamSplitEnumerator<>(two, List.of(split(3), split(1), split(2)));
        two.registerReader(new ReaderInfo(0, "localhost"));
        two.registerReader(new ReaderInfo(1, "localhost"));
        enumerator.start();

        List<SplitsAssignment<MockSourceSplit>> assignments = two.getSplitsAssignmentSequence();
        assertThat(assignments.stream().flatMap(a -> a.assignment().getOrDefault(0, List.of()).stream()).map(MockSourceSplit::splitId))
                .containsExactly("1", "3");
        assertThat(assignments.stream().flatMap(a -> a.assignment().getOrDefault(1, List.of()).stream()).map(MockSourceSplit::splitId))
                .containsExactly("2");
    }

    @Test
    void splitsNoReaderOwnedAtACheckpointAreAssignedAfterRestoringIt() throws Exception {
        GuardedJetStreamSource<String, ?> source = GuardedJetStreamSource.<String>builder()
                .stream("OFFERS", "offers.>")
                .records(new SubjectAndText())
                .connectWith(NatsConnection.to(NatsConnection.DEFAULT_URL), "test")
                .stallAfter(Duration.ofSeconds(10))
                .progressInterval(Duration.ofMillis(100))
                .build();

        assertThat(restoredAssignment(source)).containsExactly("OFFERS");
    }

    /**
     * The split a reader gets after an enumerator that had no reader yet is checkpointed and
     * restored through the connector's own checkpoint format, as a real restore does: their
     * streams' names.
     */
    private static <S extends SourceSplit> List<String> restoredAssignment(GuardedJetStreamSource<String, S> source) throws Exception {
        MockSplitEnumeratorContext<S> beforeFailure = new MockSplitEnumeratorContext<>(1);
        var first = source.createEnumerator(beforeFailure);
        first.start();
        Collection<S> checkpoint = first.snapshotState(1);
        assertThat(checkpoint).as("no reader yet: the checkpoint holds the split").hasSize(1);

        var serializer = source.getEnumeratorCheckpointSerializer();
        Collection<S> restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(checkpoint));
        MockSplitEnumeratorContext<S> afterRestore = new MockSplitEnumeratorContext<>(1);
        var enumerator = source.restoreEnumerator(afterRestore, restored);
        enumerator.start();
        afterRestore.registerReader(new ReaderInfo(0, "localhost"));
        enumerator.addReader(0);

        assertThat(afterRestore.getSplitsAssignmentSequence()).hasSize(1);
        return afterRestore.getSplitsAssignmentSequence().get(0).assignment().get(0).stream()
                .map(source::streamOf)
                .collect(Collectors.toList());
    }

    private void register(int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
    }

    /** The ids of the splits assigned to the subtask so far, in order. */
    private List<String> assignedTo(int subtask) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().getOrDefault(subtask, List.of()).stream())
                .map(MockSourceSplit::splitId)
                .collect(Collectors.toList());
    }

    private static List<String> ids(Collection<MockSourceSplit> splits) {
        return splits.stream().map(MockSourceSplit::splitId).collect(Collectors.toList());
    }

    private static MockSourceSplit split(int id) {
        return new MockSourceSplit(id);
    }
}
