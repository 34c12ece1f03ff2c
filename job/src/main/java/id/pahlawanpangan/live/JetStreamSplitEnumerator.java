package id.pahlawanpangan.live;

import io.synadia.flink.source.split.JetStreamSplit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;

/**
 * Hands each JetStream split (one per configured stream) to a reader, and hands it out again when
 * that reader fails before a checkpoint holds it.
 *
 * <p>It replaces the enumerator of flink-connector-nats 2.1.4, which keeps the splits that Flink
 * gives back after a failure ({@code addSplitsBack}) but never assigns them again: a job that
 * failed over before its first checkpoint (a TaskManager lost in the first seconds, PostGIS not
 * up yet) came back reading nothing, silently (synadia-io/flink-connector-nats#92, fixed after
 * the last release for Flink 1.20). Splits not owned by a reader are kept in the enumerator's
 * checkpoint, in the connector's own format, so checkpoints of either enumerator restore with the
 * other.
 */
final class JetStreamSplitEnumerator implements SplitEnumerator<JetStreamSplit, Collection<JetStreamSplit>> {
    private final SplitEnumeratorContext<JetStreamSplit> context;
    /** Splits waiting for their reader, by subtask. */
    private final Map<Integer, List<JetStreamSplit>> pending = new TreeMap<>();

    /** With splits no reader owns: all of them at the first start, the checkpointed ones on restore. */
    JetStreamSplitEnumerator(SplitEnumeratorContext<JetStreamSplit> context, Collection<JetStreamSplit> unowned) {
        this.context = context;
        List<JetStreamSplit> sorted = new ArrayList<>(unowned);
        sorted.sort(Comparator.comparing(JetStreamSplit::splitId));
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
    public void addSplitsBack(List<JetStreamSplit> splits, int subtaskId) {
        // the reader restarts with the same subtask index and no state: it reads them from where
        // they were when first assigned, which is where the last checkpoint left them
        pending.computeIfAbsent(subtaskId, s -> new ArrayList<>()).addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignPending(subtaskId);
        }
    }

    private void assignPending(int subtaskId) {
        List<JetStreamSplit> splits = pending.remove(subtaskId);
        if (splits != null && !splits.isEmpty()) {
            context.assignSplits(new SplitsAssignment<>(Map.of(subtaskId, splits)));
        }
    }

    @Override
    public Collection<JetStreamSplit> snapshotState(long checkpointId) {
        List<JetStreamSplit> unowned = new ArrayList<>();
        pending.values().forEach(unowned::addAll);
        return unowned;
    }

    @Override
    public void close() {}
}
