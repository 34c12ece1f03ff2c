package id.pahlawanpangan.connectors.nats;

/**
 * A message whose publication was not acknowledged by the time of the checkpoint. The committer
 * publishes it again, with the same message id, after the checkpoint: JetStream keeps it once.
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
