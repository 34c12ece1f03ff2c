package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.pipeline.MatchingJob;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.pipeline.Replay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets are resolved where they are used, on the TaskManager: the live job's graph, as it is
 * serialised and shipped to a cluster, holds where each secret is, never what it is.
 */
class JobGraphSecretsTest {
    private static final String NATS_PASSWORD = "nats-password-5bd1e9";
    private static final String NATS_TOKEN = "nats-token-07c3aa";
    private static final String PG_PASSWORD = "pg-password-e44f02";
    /** An NKey user seed (made for this test; it opens nothing). */
    private static final String NATS_SEED = "SUAGMJH5XLGZKQQWAWKRZJIGMOU4HPFUYLXJMXOO5NLFEO2OOQJ5LPRDPM";

    @TempDir
    Path dir;

    @Test
    void noConfiguredPasswordOrTokenIsInTheSerialisedJobGraph() throws Exception {
        NatsConnection nats = new NatsConnection("nats://127.0.0.1:4222", "pangan-job",
                Secret.fromFile(write("nats-password", NATS_PASSWORD)), Secret.fromFile(write("nats-token", NATS_TOKEN)), null)
                .withNkeySeed(Secret.fromFile(write("nats-seed", NATS_SEED)));
        PostgisConnection postgis = new PostgisConnection("jdbc:postgresql://127.0.0.1:5432/pangan", "pangan_job",
                Secret.fromFile(write("pg-password", PG_PASSWORD)));
        Configuration config = new Configuration(Replay.defaults());
        Subjects subjects = new Subjects("secrets");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        new MatchingJob(config, new JetStreamInput(nats, subjects, null, config.get(MatchingOptions.PROGRESS_INTERVAL)),
                new LiveOutput(postgis, nats, subjects)).wire(env);
        JobGraph graph = env.getStreamGraph().getJobGraph();

        String shipped = new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1);
        assertThat(shipped).as("the serialised job graph").doesNotContain(NATS_PASSWORD, NATS_TOKEN, PG_PASSWORD, NATS_SEED)
                .as("but it does name where they are").contains(dir.resolve("nats-password").toString());
        assertThat(nats + " " + postgis).doesNotContain(NATS_PASSWORD, NATS_TOKEN, PG_PASSWORD, NATS_SEED);
    }

    private String write(String name, String secret) throws Exception {
        return Files.writeString(dir.resolve(name), secret + "\n").toString();
    }
}
