package id.pahlawanpangan.connectors.nats.source;

import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;

/** The split a source's enumerator hands its one reader on a first start. */
final class Splits {
    private Splits() {}

    static <S extends SourceSplit> S first(GuardedJetStreamSource<?, S> source) throws Exception {
        MockSplitEnumeratorContext<S> context = new MockSplitEnumeratorContext<>(1);
        context.registerReader(new ReaderInfo(0, "localhost"));
        try (var enumerator = source.createEnumerator(context)) {
            enumerator.start();
            return context.getSplitsAssignmentSequence().get(0).assignment().get(0).get(0);
        }
    }
}
