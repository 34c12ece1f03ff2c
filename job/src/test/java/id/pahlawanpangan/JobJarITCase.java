package id.pahlawanpangan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the deployed jar, target/pangan-job.jar, holds: the job and what it needs beside Flink.
 * Runs after packaging (failsafe), on the jar just built.
 */
class JobJarITCase {
    private static final Path JAR = Path.of("target/pangan-job.jar");

    @Test
    void noToolIsInTheJobJar() throws IOException {
        assertThat(entriesUnder("id/pahlawanpangan/workload/", "id/pahlawanpangan/bench/", "id/pahlawanpangan/tools/"))
                .as("the generator, simulator, benchmarks and demo live in the tools module").isEmpty();
        assertThat(entriesUnder("id/pahlawanpangan/cli/Main.class", "id/pahlawanpangan/live/LiveJob.class"))
                .as("but the job is there").hasSize(2);
    }

    @Test
    void whatEveryFlinkDistributionShipsIsNotInTheJobJar() throws IOException {
        assertThat(entriesUnder("org/apache/flink/connector/base/", "org/apache/flink/streaming/", "org/apache/flink/runtime/"))
                .as("flink-connector-base is in every distribution's lib/ (flink-dist), as Flink itself").isEmpty();
        assertThat(entriesUnder("org/apache/flink/connector/jdbc/")).as("the JDBC connector is not: it stays").isNotEmpty();
    }

    private static List<String> entriesUnder(String... prefixes) throws IOException {
        assertThat(Files.isRegularFile(JAR)).as("%s is built", JAR.toAbsolutePath()).isTrue();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.stream().map(JarEntry::getName)
                    .filter(name -> List.of(prefixes).stream().anyMatch(name::startsWith))
                    .collect(Collectors.toList());
        }
    }
}
