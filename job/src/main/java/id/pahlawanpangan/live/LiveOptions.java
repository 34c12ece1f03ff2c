package id.pahlawanpangan.live;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings of the live job's connections (the connection details themselves come from the environment). */
public final class LiveOptions {
    public static final ConfigOption<String> NAMESPACE = ConfigOptions.key("nats.namespace")
            .stringType().defaultValue(Subjects.DEFAULT_NAMESPACE)
            .withDescription("Root of the NATS subjects and prefix of the JetStream streams (pangan.in.*, PANGAN_IN_*).");

    private LiveOptions() {}
}
