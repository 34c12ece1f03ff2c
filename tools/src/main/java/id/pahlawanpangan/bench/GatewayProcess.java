package id.pahlawanpangan.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP gateway in a process of its own, started as an operator starts it
 * ({@code bin/pangan-gateway serve ...}), its output into a log file. Its CPU time is the
 * launcher's and every process under it (the script may run the JVM as a child rather than
 * exec it). Closing stops it (SIGTERM, then SIGKILL after 30 s), the processes under it too.
 */
final class GatewayProcess implements GatewayBenchmark.Gateway {
    private final Process process;
    private final String baseUrl;
    private final Path log;

    private GatewayProcess(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** A launcher running {@code command serve --host 127.0.0.1 --port P --keys F --namespace NS}, with this extra environment. */
    static GatewayBenchmark.Launcher launcher(Path command, Map<String, String> environment) {
        return (port, keysFile, namespace, log) -> {
            List<String> cmd = List.of(command.toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--keys", keysFile.toAbsolutePath().toString(), "--namespace", namespace);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            return new GatewayProcess(pb.start(), "http://127.0.0.1:" + port, log);
        };
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public double cpuSeconds() {
        double total = ProcessCpu.ofPid(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            total += ProcessCpu.ofPid(child.pid());
        }
        return total;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String describe() {
        return "pid " + process.pid() + ", log " + log;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        all.forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
