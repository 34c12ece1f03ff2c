package id.pahlawanpangan.connectors.nats.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An upgrade of flink-connector-nats changes one file: {@link SynadiaJetStream} is the only source
 * file of this module that names anything of the connector's packages (the job names none: it
 * reaches the connector through this package).
 */
class OneAdapterTest {
    @Test
    void onlyTheAdapterNamesTheConnector() throws IOException {
        assertThat(sourcesNaming("io.synadia.", Path.of("src/main/java")))
                .containsExactly(Path.of("src/main/java/id/pahlawanpangan/connectors/nats/source/SynadiaJetStream.java"));
    }

    private static List<Path> sourcesNaming(String name, Path... roots) throws IOException {
        List<Path> naming = new java.util.ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                    if (Files.readString(file).contains(name)) {
                        naming.add(file);
                    }
                }
            }
        }
        return naming;
    }
}
