package id.pahlawanpangan.connectors.testing;

import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What a sink must survive exactly once: the numbers 0 to {@code records - 1}, at parallelism 2
 * with a checkpoint every 500 ms, failing once after a checkpoint and restarting from it.
 * Attach the sink under test and run the stream's environment.
 */
public final class NumbersFailingOnce {
    private NumbersFailingOnce() {
    }

    public static DataStream<Long> stream(long records, Path markers) {
        Configuration config = new Configuration();
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "3");
        config.setString("restart-strategy.fixed-delay.delay", "200 ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.enableCheckpointing(500);
        DataGeneratorSource<Long> numbers = new DataGeneratorSource<>(i -> i, records, RateLimiterStrategy.perSecond(600), Types.LONG);
        return env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "Numbers")
                .map(new FailOnceAfterCheckpoint<Long>(100, markers)).returns(Types.LONG).name("Fail once");
    }
}
