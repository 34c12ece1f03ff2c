package id.pahlawanpangan.live;

import id.pahlawanpangan.pipeline.MatchingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How large the streams may grow (PanganStreams). JetStream reserves a file stream's byte limit
 * against the server's store when the stream is created, so the limits must fit the store of the
 * server (with every other deployment's streams on it): a stream that does not fit is refused
 * ("insufficient storage resources").
 *
 * @param maxPayloadBytes the job's {@code input.max-payload-bytes}: input messages may be 4 times as large
 * @param inputStreamBytes each input stream's limit ({@code nats.input-stream-max-bytes})
 * @param outputStreamBytes the output stream's limit ({@code nats.output-stream-max-bytes})
 */
public record StreamLimits(int maxPayloadBytes, long inputStreamBytes, long outputStreamBytes) {
    public StreamLimits {
        if (maxPayloadBytes < 1 || inputStreamBytes < 1 || outputStreamBytes < 1) {
            throw new IllegalArgumentException("stream limits must be positive: " + maxPayloadBytes + ", " + inputStreamBytes + ", " + outputStreamBytes);
        }
    }

    public static StreamLimits of(ReadableConfig config) {
        return new StreamLimits(config.get(MatchingOptions.MAX_PAYLOAD_BYTES),
                config.get(LiveOptions.INPUT_STREAM_MAX_BYTES).getBytes(), config.get(LiveOptions.OUTPUT_STREAM_MAX_BYTES).getBytes());
    }

    public static StreamLimits defaults() {
        return of(new Configuration());
    }
}
