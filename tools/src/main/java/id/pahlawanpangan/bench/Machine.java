package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks ran on: cores, CPU model, memory, Java. */
final class Machine {
    private Machine() {}

    static String describe() {
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
        return b.toString();
    }
}
