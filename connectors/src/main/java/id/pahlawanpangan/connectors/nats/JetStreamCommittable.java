package id.pahlawanpangan.connectors.nats;

/**
 * A message that a writer of an earlier build of this sink had not seen acknowledged by the time
 * of a checkpoint, kept in that checkpoint for the committer to publish again with the same
 * message id (JetStream keeps it once). This build's writer settles every message before the
 * checkpoint and hands none over; committables are read and committed only where a checkpoint or
 * savepoint of an earlier build holds them.
 */
public final class JetStreamCommittable {
    private final JetStreamRecord record;

    public JetStreamCommittable(JetStreamRecord record) {
        this.record = record;
    }

    public JetStreamRecord record() {
        return record;
    }

    @Override
    public String toString() {
        return "unacknowledged " + record;
    }
}
