package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.ReplayLines;
import id.pahlawanpangan.events.SourceStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** A MiniCluster of two TaskManagers with two slots each, RocksDB state, and replay helpers. */
final class ReplayClusterSupport {
    static final int TASK_MANAGERS = 2;
    static final int SLOTS_PER_TASK_MANAGER = 2;

    private ReplayClusterSupport() {}

    static MiniClusterExtension cluster() {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        config.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(TASK_MANAGERS)
                .setNumberSlotsPerTaskManager(SLOTS_PER_TASK_MANAGER)
                .setConfiguration(config)
                .build());
    }

    /** Replays a file on the test cluster; returns the output as written by the replay command. */
    static List<String> replay(Path input, int parallelism, Map<String, String> settings) throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        settings.forEach(config::setString);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        return lines(Replay.run(env, config, input));
    }

    static List<String> replay(Path input, int parallelism) throws Exception {
        return replay(input, parallelism, Map.of());
    }

    static List<String> lines(List<MatchEvent> events) {
        return events.stream().map(MatchEventJson::write).collect(Collectors.toList());
    }

    /**
     * The same input with its streams interleaved differently: each stream's own order kept, the
     * streams merged at random, as a different arrival order at the job would.
     */
    static Path interleavedDifferently(Path input, long seed, Path output) throws IOException {
        Map<SourceStream, List<String>> streams = new EnumMap<>(SourceStream.class);
        for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                streams.computeIfAbsent(ReplayLines.peek(line).stream, s -> new ArrayList<>()).add(line);
            }
        }
        Random random = new Random(seed);
        List<String> merged = new ArrayList<>();
        Map<SourceStream, Integer> next = new EnumMap<>(SourceStream.class);
        List<SourceStream> open = new ArrayList<>(streams.keySet());
        while (!open.isEmpty()) {
            SourceStream s = open.get(random.nextInt(open.size()));
            // take a random run from one stream, so that streams drift apart by minutes of event time
            int run = 1 + random.nextInt(8);
            for (int i = 0; i < run && next.getOrDefault(s, 0) < streams.get(s).size(); i++) {
                int n = next.merge(s, 1, Integer::sum) - 1;
                merged.add(streams.get(s).get(n));
            }
            if (next.getOrDefault(s, 0) >= streams.get(s).size()) {
                open.remove(s);
            }
        }
        Files.write(output, merged, StandardCharsets.UTF_8);
        return output;
    }
}
