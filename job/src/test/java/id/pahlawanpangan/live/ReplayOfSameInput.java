package id.pahlawanpangan.live;

import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.pipeline.Replay;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What a replay of the same input decides: the reference for the live pipeline's output. */
final class ReplayOfSameInput {
    private ReplayOfSameInput() {}

    static List<String> decide(Path input) throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return Replay.run(env, config, input).stream().map(MatchEventJson::write).collect(Collectors.toList());
    }
}
