package id.pahlawanpangan.bench;

import id.pahlawanpangan.pipeline.Replay;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole replay as {@code bin/pangan replay} runs it: the job over a generated day with its
 * file output, committed at checkpoints and read back in decision order; input events per second.
 */
public final class FileReplayBenchmark {
    public Measurement run(BenchDay day, int parallelism) throws Exception {
        Configuration config = new Configuration(Replay.defaults());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        System.gc();
        double cpu = JvmCpu.seconds();
        long start = System.nanoTime();
        Replay.run(env, config, day.file());
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measurement("replay", day.label() + ", file output, sorted; replay settings; parallelism " + parallelism,
                day.lines(), "input events", seconds, JvmCpu.seconds() - cpu);
    }
}
