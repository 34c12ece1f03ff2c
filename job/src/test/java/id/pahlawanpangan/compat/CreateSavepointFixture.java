package id.pahlawanpangan.compat;

import id.pahlawanpangan.testing.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Makes the savepoint fixture of the current state layout: {@code job/src/test/resources/savepoints/<version>/}
 * with the input, the output written before the savepoint, and the savepoint itself. Run it when
 * a release changes the state layout, and keep every older fixture: SavepointCompatibilityITCase
 * restores them all.
 *
 * <pre>mvn -pl job test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=... -Dexec.args=v1</pre>
 * (or run it from an IDE), from the repository root.
 */
public final class CreateSavepointFixture {
    private CreateSavepointFixture() {}

    public static void main(String[] args) throws Exception {
        String version = args.length > 0 ? args[0] : "v1";
        Path fixture = Path.of("job/src/test/resources/savepoints", version);
        if (Files.exists(fixture)) {
            throw new IllegalStateException(fixture + " exists: a fixture is never rewritten");
        }
        DayGenerator.Settings settings = new DayGenerator.Settings();
        settings.offers = 60;
        settings.ngos = 20;
        settings.seed = 21;
        settings.badInputRate = 0;
        List<String> input = new DayGenerator(settings).generate();
        Path work = Files.createTempDirectory("pangan-fixture");
        Path output = Files.createDirectories(work.resolve("output"));

        Configuration config = FixtureJob.configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, config);
        FixtureJob.wire(env, config, input, 20, output);
        JobClient job = env.executeAsync("savepoint fixture");
        Thread.sleep(input.size() * 1000L / 20 / 2); // about half the input
        String savepoint = job.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);

        Files.createDirectories(fixture);
        Files.write(fixture.resolve("input.jsonl"), input, StandardCharsets.UTF_8);
        Files.write(fixture.resolve("output-before-savepoint.jsonl"), FixtureJob.outputLines(output), StandardCharsets.UTF_8);
        Path from = Path.of(java.net.URI.create(savepoint));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = fixture.resolve("savepoint").resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        System.out.println("fixture written to " + fixture);
        System.exit(0);
    }
}
