package id.pahlawanpangan.cli;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;

/** Durations as Flink writes them: {@code 90s}, {@code 5 min}, {@code 2h}. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return TimeUtils.parseDuration(value);
    }
}
