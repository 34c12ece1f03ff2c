package id.pahlawanpangan.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink Prometheus reporter of a test's MiniCluster: each of its JVM-wide reporters takes one
 * port of a range of ten, so a scrape reads them all.
 */
public final class PrometheusEndpoint {
    private static final int PORTS = 10;

    private final int firstPort;
    private final HttpClient http = HttpClient.newHttpClient();

    public PrometheusEndpoint(int firstPort) {
        this.firstPort = firstPort;
    }

    /** The cluster configuration that installs the reporter on this range. */
    public Configuration reporterConfiguration() {
        Configuration c = new Configuration();
        c.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        c.setString("metrics.reporter.prom.port", firstPort + "-" + (firstPort + PORTS - 1));
        return c;
    }

    public String scrape() throws InterruptedException {
        StringBuilder all = new StringBuilder();
        for (int port = firstPort; port < firstPort + PORTS; port++) {
            try {
                all.append(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException nothingThere) {
                // the reporter took another port of the range
            }
        }
        return all.toString();
    }

    /** Scrapes every half second until the condition holds; fails after 60 s, showing the metric. */
    public String scrapeWhen(String metric, Predicate<String> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        String body = "";
        while (System.currentTimeMillis() < deadline) {
            body = scrape();
            if (condition.test(body)) {
                return body;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("condition on " + metric + " not met within 60 s; last scrape:\n"
                + body.lines().filter(l -> l.contains(metric)).limit(20).reduce("", (a, b) -> a + b + "\n"));
    }

    /** The sum over subtasks (and operators) of a metric, optionally of one type label. */
    public static double sum(String body, String metric, String type) {
        // a metric under a key-value group carries the key in its name: pangan_type_decisions{type="..."}
        Pattern line = Pattern.compile("^\\S*_" + metric.replace("pangan_", "pangan_(?:type_|reason_)?") + "\\{([^}]*)\\}\\s+(\\S+)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(body);
        double total = 0;
        while (m.find()) {
            // the reporter writes label values with '.' as '_': offer.proposed becomes offer_proposed
            if (type == null || m.group(1).contains("type=\"" + type.replace('.', '_') + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** How many series of the metric the scrape holds. */
    public static long series(String body, String metric) {
        return body.lines().filter(l -> !l.startsWith("#") && l.matches("^\\S*_" + metric + "\\{.*")).count();
    }
}
