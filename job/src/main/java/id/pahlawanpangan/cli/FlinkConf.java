package id.pahlawanpangan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/** The project's {@code flink-conf/config.yaml}, for runs on the embedded cluster. */
public final class FlinkConf {
    private FlinkConf() {}

    /** From {@code --flink-conf}, else {@code $PANGAN_FLINK_CONF}, else an empty configuration. */
    public static Configuration load(Path dir) {
        Path confDir = dir != null ? dir : System.getenv("PANGAN_FLINK_CONF") != null ? Path.of(System.getenv("PANGAN_FLINK_CONF")) : null;
        if (confDir == null) {
            return new Configuration();
        }
        if (!Files.isRegularFile(confDir.resolve("config.yaml"))) {
            throw new IllegalArgumentException("no config.yaml in " + confDir);
        }
        return GlobalConfiguration.loadConfiguration(confDir.toString());
    }
}
