package id.pahlawanpangan.live;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint;

/**
 * A Flink installation's directory as the operator's image has one ({@code /opt/flink}), made from
 * the Maven jars because no Flink distribution is served here: {@code lib/} (Flink, as links into
 * the local Maven repository), {@code usrlib/} (the job jar), {@code conf/} ({@code config.yaml},
 * logging) and {@code log/}. Nothing of the job is in {@code lib/}: a JVM started from here loads
 * the job from the jar in {@code usrlib/} only, as a cluster in Kubernetes does.
 */
final class FlinkHome {
    /**
     * Libraries of Flink's own modules that Maven lists under the job's compile scope (the job
     * uses them too, so they are missing from runtime.classpath); the distribution's flink-dist
     * jar bundles them.
     */
    private static final List<String> BUNDLED_WITH_FLINK = List.of("commons-lang3", "commons-io", "commons-compress");

    final Path dir;

    private FlinkHome(Path dir) {
        this.dir = dir;
    }

    /** A new installation in {@code dir}, from the build of the repository at {@code top} ({@code make build}). */
    static FlinkHome create(Path dir, Path top) throws IOException, URISyntaxException {
        FlinkHome home = new FlinkHome(dir);
        for (Path sub : List.of(home.lib(), home.usrlib(), home.conf(), home.log())) {
            Files.createDirectories(sub);
        }
        List<Path> jars = new ArrayList<>(classpath(top.resolve("job/target/runtime.classpath")));
        classpath(top.resolve("job/target/compile.classpath")).stream().filter(FlinkHome::bundledWithFlink).forEach(jars::add);
        // the application-mode entry point: in flink-dist, in Maven the module flink-container
        jars.add(Path.of(StandaloneApplicationClusterEntryPoint.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        for (Path jar : jars) {
            Files.createSymbolicLink(home.lib().resolve(jar.getFileName()), jar);
        }
        Files.copy(top.resolve("flink-conf/log4j-cluster.properties"), home.conf().resolve("log4j.properties"));
        return home;
    }

    Path lib() {
        return dir.resolve("lib");
    }

    Path usrlib() {
        return dir.resolve("usrlib");
    }

    Path conf() {
        return dir.resolve("conf");
    }

    Path log() {
        return dir.resolve("log");
    }

    /**
     * {@code conf/config.yaml}: the project's Flink configuration (what the FlinkDeployment's
     * {@code flinkConfiguration} mirrors) and then these settings, as the operator writes a
     * FlinkDeployment's {@code flinkConfiguration} into the cluster's config.yaml.
     */
    void configure(Path projectConfig, Map<String, String> settings) throws IOException {
        StringBuilder yaml = new StringBuilder(Files.readString(projectConfig)).append("\n# the deployment's settings\n");
        // double-quoted YAML scalars: a value stays the string it is ("1234 ms", "true")
        settings.forEach((key, value) -> yaml.append(key).append(": \"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        Files.writeString(conf().resolve("config.yaml"), yaml);
    }

    private static List<Path> classpath(Path file) throws IOException {
        return Arrays.stream(Files.readString(file).strip().split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static boolean bundledWithFlink(Path jar) {
        String name = jar.getFileName().toString();
        return BUNDLED_WITH_FLINK.stream().anyMatch(artifact -> name.matches("\\Q" + artifact + "\\E-[0-9].*\\.jar"));
    }
}
