package id.pahlawanpangan.connectors.nats.source;

import io.nats.client.Message;
import java.io.Serializable;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;

/**
 * What a stream's messages become as records, given by the job: the source knows nothing of
 * what the payloads mean.
 *
 * @param <T> the records the source emits
 */
public interface StreamRecords<T> extends Serializable, ResultTypeQueryable<T> {
    /** The record of one JetStream message; called on the task thread, so it must not wait on anything. */
    T fromMessage(Message message);

    /**
     * The record that says the stream was read to its end: every message up to {@code
     * lastSequence} was delivered, and every message delivered after this record was stored by
     * the server after {@code readUpTo} (the local time, epoch milliseconds, just before the
     * server was asked where the stream ends).
     */
    T caughtUp(long lastSequence, long readUpTo);
}
