package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

/** The machine a benchmark ran on, in one line: cores, CPU, memory, Java, PostgreSQL, nats-server. */
final class MachineDescription {
    private MachineDescription() {}

    static String of(PostgisConnection postgis) {
        StringBuilder b = new StringBuilder();
        b.append(Runtime.getRuntime().availableProcessors()).append(" cores");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    b.append(" (").append(line.substring(line.indexOf(':') + 1).strip()).append(')');
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    b.append(String.format(", %.0f GiB", kb / 1024.0 / 1024.0));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // machine details are a courtesy
        }
        b.append(", Java ").append(System.getProperty("java.version"));
        try (var c = postgis.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("show server_version")) {
            r.next();
            b.append(", PostgreSQL ").append(r.getString(1));
        } catch (Exception e) {
            // likewise
        }
        b.append(", nats-server ").append(natsServerVersion());
        return b.toString();
    }

    private static String natsServerVersion() {
        try {
            Process p = new ProcessBuilder("nats-server", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out.replace("nats-server: ", "");
        } catch (Exception e) {
            return "(version unknown)";
        }
    }
}
