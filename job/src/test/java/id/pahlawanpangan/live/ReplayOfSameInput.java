package id.pahlawanpangan.live;

import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.pipeline.Replay;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What a replay of the same input decides: the reference for the live pipeline's output. */
final class ReplayOfSameInput {
    private ReplayOfSameInput() {}

    static List<String> decide(Path input) throws Exception {
        return decide(input, Map.of());
    }

    /** With these job settings (a live day's compressed durations). */
    static List<String> decide(Path input, Map<String, String> settings) throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        settings.forEach(config::setString);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return Replay.run(env, config, input).stream().map(MatchEventJson::write).collect(Collectors.toList());
    }
}
