package id.pahlawanpangan.live;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Settings of the live job's connections (the connection details themselves come from the environment). */
public final class LiveOptions {
    public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("nats.namespace")
            .stringType().defaultValue(Subjects.DEFAULT_NAMESPACE)
            .withDescription("Root of the NATS subjects and prefix of the JetStream streams (pangan.in.*, PANGAN_IN_*).");

    /** 1 GiB: several days of a city's offers, claims or snapshots; JetStream reserves it in the server's store. */
    public static final ConfigOption<MemorySize> INPUT_STREAM_MAX_BYTES = ConfigOptions.key("nats.input-stream-max-bytes")
            .memoryType().defaultValue(MemorySize.parse("1g"))
            .withDescription("Each input stream's byte limit (pangan streams); a full stream refuses new messages.");

    /** 2 GiB: the output is also in PostGIS, so the stream keeps what apps read soon after. */
    public static final ConfigOption<MemorySize> OUTPUT_STREAM_MAX_BYTES = ConfigOptions.key("nats.output-stream-max-bytes")
            .memoryType().defaultValue(MemorySize.parse("2g"))
            .withDescription("The output stream's byte limit (pangan streams); a full stream drops its oldest messages.");

    private LiveOptions() {}
}
