package id.pahlawanpangan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code main} inside Flink, as a JobManager in application mode or {@code flink run} calls it: a
 * context environment is set. It must return (a {@code System.exit} here would end this test's
 * JVM, and a JobManager's), fail the program by throwing, and take Flink's configuration.
 */
class MainInsideFlinkTest {
    /** Flink's way of handing a program its environment, made reachable for the test. */
    static final class ContextEnvironment extends StreamExecutionEnvironment {
        ContextEnvironment(Configuration config) {
            super(config);
        }

        static void install(Configuration clusterConfig) {
            initializeContextEnvironment(config -> {
                Configuration merged = new Configuration(clusterConfig);
                merged.addAll(config);
                return new ContextEnvironment(merged);
            });
        }

        static void uninstall() {
            resetContextEnvironment();
        }
    }

    @BeforeEach
    void insideFlink() {
        Configuration cluster = new Configuration();
        cluster.setString("match.claim-window", "7 min");
        cluster.setString("nats.namespace", "fromcluster");
        ContextEnvironment.install(cluster);
    }

    @AfterEach
    void outsideAgain() {
        ContextEnvironment.uninstall();
    }

    @Test
    void mainReturnsInsteadOfExitingTheJvm() {
        assertThat(FlinkContext.insideFlink()).isTrue();
        Main.main(new String[] {"--help"});
        assertThatThrownBy(() -> Main.main(new String[] {"no-such-command"}))
                .as("a failure fails the program, it does not exit").hasMessageContaining("exit code 2");
    }

    @Test
    void theJobsSettingsComeFromFlinksConfiguration() {
        Configuration base = FlinkContext.baseConfiguration(null);
        assertThat(base.toMap()).containsEntry("match.claim-window", "7 min").containsEntry("nats.namespace", "fromcluster");
        assertThatThrownBy(() -> FlinkContext.baseConfiguration(Path.of("flink-conf")))
                .hasMessageContaining("--flink-conf is for local runs");
    }
}
