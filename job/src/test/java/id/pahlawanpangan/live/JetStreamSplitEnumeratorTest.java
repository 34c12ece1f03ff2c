package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import io.synadia.flink.source.AckBehavior;
import io.synadia.flink.source.JetStreamSourceBuilder;
import io.synadia.flink.source.JetStreamSubjectConfiguration;
import io.synadia.flink.source.split.JetStreamSplit;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class JetStreamSplitEnumeratorTest {
    private final MockSplitEnumeratorContext<JetStreamSplit> context = new MockSplitEnumeratorContext<>(1);

    @Test
    void aReaderGetsItsSplitWhenItRegisters() {
        JetStreamSplitEnumerator enumerator = new JetStreamSplitEnumerator(context, List.of(split("OFFERS")));
        enumerator.start();
        assertThat(assignedTo(0)).isEmpty();

        register(0);
        enumerator.addReader(0);

        assertThat(assignedTo(0)).containsExactly("OFFERS");
        assertThat(enumerator.snapshotState(1)).as("owned by the reader now, so in its checkpoint").isEmpty();
    }

    @Test
    void aSplitGivenBackAfterAFailureIsAssignedAgainWhenTheReaderReturns() {
        JetStreamSplitEnumerator enumerator = new JetStreamSplitEnumerator(context, List.of(split("OFFERS")));
        enumerator.start();
        register(0);
        enumerator.addReader(0);
        JetStreamSplit assigned = context.getSplitsAssignmentSequence().get(0).assignment().get(0).get(0);

        // the reader fails before a checkpoint holds its split: Flink gives the split back
        context.unregisterReader(0);
        enumerator.addSplitsBack(List.of(assigned), 0);
        assertThat(ids(enumerator.snapshotState(2))).as("a checkpoint meanwhile keeps it").containsExactly("OFFERS");

        register(0);
        enumerator.addReader(0);

        assertThat(assignedTo(0)).containsExactly("OFFERS", "OFFERS");
        assertThat(enumerator.snapshotState(3)).isEmpty();
    }

    @Test
    void aSplitGivenBackWhileItsReaderIsRegisteredIsAssignedAtOnce() {
        JetStreamSplitEnumerator enumerator = new JetStreamSplitEnumerator(context, List.of());
        register(0);
        enumerator.addSplitsBack(List.of(split("CLAIMS")), 0);
        assertThat(assignedTo(0)).containsExactly("CLAIMS");
    }

    @Test
    void splitsNoReaderOwnedAtACheckpointAreAssignedAfterRestoringIt() throws Exception {
        GuardedJetStreamSource source = new GuardedJetStreamSource(
                new JetStreamSourceBuilder<RawInput>()
                        .sourceConverter(NatsRawInputConverter.of(SourceStream.OFFERS))
                        .setSubjectConfigurations(config("OFFERS"))
                        .connectionProperties(new Properties())
                        .build(),
                new CredentialedConnectionFactory(NatsConnection.to(NatsConnection.DEFAULT_URL), "test"),
                SourceStream.OFFERS, Duration.ofSeconds(10), Duration.ofMillis(100));
        var first = source.createEnumerator(context);
        first.start();
        Collection<JetStreamSplit> checkpoint = first.snapshotState(1);
        assertThat(ids(checkpoint)).as("no reader yet: the checkpoint holds the split").containsExactly("OFFERS");

        // through the connector's own checkpoint format, as a real restore does
        var serializer = source.getEnumeratorCheckpointSerializer();
        Collection<JetStreamSplit> restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(checkpoint));
        MockSplitEnumeratorContext<JetStreamSplit> afterRestore = new MockSplitEnumeratorContext<>(1);
        var enumerator = source.restoreEnumerator(afterRestore, restored);
        enumerator.start();
        afterRestore.registerReader(new ReaderInfo(0, "localhost"));
        enumerator.addReader(0);

        assertThat(afterRestore.getSplitsAssignmentSequence()).hasSize(1);
        assertThat(ids(afterRestore.getSplitsAssignmentSequence().get(0).assignment().get(0))).containsExactly("OFFERS");
    }

    @Test
    void splitsAreSpreadOverTheReadersInTheOrderOfTheirIds() {
        MockSplitEnumeratorContext<JetStreamSplit> two = new MockSplitEnumeratorContext<>(2);
        JetStreamSplitEnumerator enumerator = new JetStreamSplitEnumerator(two, List.of(split("C"), split("A"), split("B")));
        two.registerReader(new ReaderInfo(0, "localhost"));
        two.registerReader(new ReaderInfo(1, "localhost"));
        enumerator.start();

        List<SplitsAssignment<JetStreamSplit>> assignments = two.getSplitsAssignmentSequence();
        assertThat(assignments.stream().flatMap(a -> a.assignment().getOrDefault(0, List.of()).stream()).map(JetStreamSplit::splitId))
                .containsExactly(split("A").splitId(), split("C").splitId());
        assertThat(assignments.stream().flatMap(a -> a.assignment().getOrDefault(1, List.of()).stream()).map(JetStreamSplit::splitId))
                .containsExactly(split("B").splitId());
    }

    private void register(int subtask) {
        context.registerReader(new ReaderInfo(subtask, "localhost"));
    }

    /** The stream names of the splits assigned to the subtask so far, in order. */
    private List<String> assignedTo(int subtask) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().getOrDefault(subtask, List.of()).stream())
                .map(s -> s.subjectConfig.streamName)
                .collect(Collectors.toList());
    }

    private static List<String> ids(Collection<JetStreamSplit> splits) {
        return splits.stream().map(s -> s.subjectConfig.streamName).collect(Collectors.toList());
    }

    private static JetStreamSplit split(String stream) {
        return new JetStreamSplit(config(stream));
    }

    private static JetStreamSubjectConfiguration config(String stream) {
        return JetStreamSubjectConfiguration.builder().streamName(stream).subject(stream.toLowerCase() + ".>").ackBehavior(AckBehavior.NoAck).build();
    }
}
