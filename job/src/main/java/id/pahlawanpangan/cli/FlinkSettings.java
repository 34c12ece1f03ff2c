package id.pahlawanpangan.cli;

import java.util.Map;
import org.apache.flink.configuration.Configuration;

/** {@code --set key=value} options: any Flink or job setting ({@code match.*}, {@code watermark.*}, ...). */
final class FlinkSettings {
    private FlinkSettings() {}

    static Configuration apply(Configuration base, Map<String, String> settings) {
        Configuration config = new Configuration(base);
        if (settings != null) {
            settings.forEach(config::setString);
        }
        return config;
    }
}
