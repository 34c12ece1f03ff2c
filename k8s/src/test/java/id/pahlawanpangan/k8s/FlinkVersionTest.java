package id.pahlawanpangan.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The Flink the job is built against (the root pom's {@code flink.version}) is the Flink it runs
 * on: the image's base (k8s/Dockerfile), the plugins the FlinkDeployment enables from that image's
 * opt/, and the operator's {@code flinkVersion}. A patch upgrade that forgets one of them fails
 * here, not on the cluster.
 */
class FlinkVersionTest {
    private static final Path TOP = Path.of("").toAbsolutePath().endsWith("k8s") ? Path.of("").toAbsolutePath().getParent() : Path.of("").toAbsolutePath();

    @Test
    void theImageTheBuildAndTheDeploymentNameOneFlinkVersion() throws Exception {
        String built = buildVersion();
        assertThat(built).matches("\\d+\\.\\d+\\.\\d+");

        assertThat(baseImageVersions(Files.readString(TOP.resolve("k8s/Dockerfile"))))
                .as("the Dockerfile's base image, flink:<version>-java17").containsExactly(built);

        String deployment = Files.readString(TOP.resolve("k8s/base/flinkdeployment.yaml"));
        List<String> plugins = matches(Pattern.compile("(flink-[a-z0-9-]+?)-(\\d+\\.\\d+\\.\\d+)\\.jar"), deployment, 2);
        assertThat(plugins).as("the plugins the FlinkDeployment enables (ENABLE_BUILT_IN_PLUGINS)").isNotEmpty().containsOnly(built);

        String minor = built.substring(0, built.lastIndexOf('.'));
        assertThat(matches(Pattern.compile("flinkVersion:\\s*v(\\d+)_(\\d+)"), deployment, 0))
                .as("the operator's flinkVersion").containsExactly("flinkVersion: v" + minor.replace('.', '_'));
    }

    @Test
    void aBaseImageOfAnotherVersionIsCaught() {
        assertThat(baseImageVersions("# comment\nFROM flink:1.20.4-java17 AS job\n")).containsExactly("1.20.4");
        assertThat(baseImageVersions("FROM flink:1.20.3-java17\n")).doesNotContain("1.20.4");
    }

    /** The root pom's {@code flink.version}. */
    private static String buildVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(TOP.resolve("pom.xml").toFile());
        return pom.getElementsByTagName("flink.version").item(0).getTextContent().trim();
    }

    /** The Flink versions of every {@code FROM flink:...} line. */
    private static List<String> baseImageVersions(String dockerfile) {
        return matches(Pattern.compile("(?m)^FROM\\s+flink:(\\d+\\.\\d+\\.\\d+)-java\\d+"), dockerfile, 1);
    }

    private static List<String> matches(Pattern pattern, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }
}
