package id.pahlawanpangan.cli;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Whether the command line runs inside Flink — its {@code main} called by {@code flink run} or by
 * a JobManager in application mode (the Kubernetes operator's way) — or as a local tool. Inside
 * Flink, the job's settings are the ones Flink hands it (the cluster's {@code config.yaml}, the
 * FlinkDeployment's {@code flinkConfiguration}, {@code -D}), and {@code main} must return
 * normally: a JobManager whose {@code main} exits the JVM goes down with its job.
 */
final class FlinkContext {
    private FlinkContext() {}

    /** True when Flink set up the execution environment (a context environment), not this process. */
    static boolean insideFlink() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
    }

    /**
     * The configuration to start from: inside Flink, what Flink gives the program; for a local
     * tool, the project's config.yaml ({@code --flink-conf} or {@code $PANGAN_FLINK_CONF}).
     */
    static Configuration baseConfiguration(Path flinkConf) {
        if (insideFlink()) {
            if (flinkConf != null) {
                throw new IllegalArgumentException("--flink-conf is for local runs; inside Flink the cluster's configuration applies (-D, config.yaml)");
            }
            return Configuration.fromMap(StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration().toMap());
        }
        return FlinkConf.load(flinkConf);
    }
}
