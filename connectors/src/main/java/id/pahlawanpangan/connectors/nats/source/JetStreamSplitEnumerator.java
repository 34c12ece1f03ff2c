package id.pahlawanpangan.connectors.nats.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Hands each JetStream split (one per stream) to a reader, and hands it out again when that
 * reader fails before a checkpoint holds it.
 *
 * <p>It replaces the enumerator of flink-connector-nats 2.1.4, which keeps the splits that Flink
 * gives back after a failure ({@code addSplitsBack}) but never assigns them again: a job that
 * failed over before its first checkpoint (a TaskManager lost in the first seconds, PostGIS not
 * up yet) came back reading nothing, silently (synadia-io/flink-connector-nats#92, fixed after
 * the last release for Flink 1.20). Splits not owned by a reader are kept in the enumerator's
 * checkpoint, written by the connector's own serializer, so checkpoints of either enumerator
 * restore with the other. It needs nothing of a split but its id.
 */
final class JetStreamSplitEnumerator<SplitT extends SourceSplit> implements SplitEnumerator<SplitT, Collection<SplitT>> {
    private final SplitEnumeratorContext<SplitT> context;
    /** Splits waiting for their reader, by subtask. */
    private final Map<Integer, List<SplitT>> pending = new TreeMap<>();

    /** With splits no reader owns: all of them at the first start, the checkpointed ones on restore. */
    JetStreamSplitEnumerator(SplitEnumeratorContext<SplitT> context, Collection<SplitT> unowned) {
        this.context = context;
        List<SplitT> sorted = new ArrayList<>(unowned);
        sorted.sort(Comparator.comparing(SourceSplit::splitId));
        for (int i = 0; i < sorted.size(); i++) {
            pending.computeIfAbsent(i % context.currentParallelism(), s -> new ArrayList<>()).add(sorted.get(i));
        }
    }

    @Override
    public void start() {
        context.registeredReaders().keySet().forEach(this::assignPending);
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending(subtaskId);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignPending(subtaskId);
    }

    @Override
    public void addSplitsBack(List<SplitT> splits, int subtaskId) {
        // the reader restarts with the same subtask index and no state: it reads them from where
        // they were when first assigned, which is where the last checkpoint left them
        pending.computeIfAbsent(subtaskId, s -> new ArrayList<>()).addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignPending(subtaskId);
        }
    }

    private void assignPending(int subtaskId) {
        List<SplitT> splits = pending.remove(subtaskId);
        if (splits != null && !splits.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, splits)));
        }
    }

    @Override
    public Collection<SplitT> snapshotState(long checkpointId) {
        List<SplitT> unowned = new ArrayList<>();
        pending.values().forEach(unowned::addAll);
        return unowned;
    }

    @Override
    public void close() {}
}
