package id.pahlawanpangan.connectors.nats;

import java.io.Serializable;

/** Turns a record of the job into the message the sink publishes. */
@FunctionalInterface
public interface JetStreamRecordSerializer<T> extends Serializable {
    JetStreamRecord serialize(T record);
}
