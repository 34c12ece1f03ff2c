package id.pahlawanpangan.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live job in a JVM of its own, started as {@code bin/pangan run} starts it (the same Java,
 * options and class path as this process), so that its CPU time can be told apart from the load
 * generator's. Stopped when closed, as Ctrl-C stops it (with a savepoint, into the benchmark's own
 * directory), so that a profiler attached to it can write its recording; killed if that hangs.
 */
final class JobProcess implements AutoCloseable {
    private final Process process;

    private JobProcess(Process process) {
        this.process = process;
    }

    /** {@code run --fresh} with these settings and extra environment; its output goes to {@code log}. */
    static JobProcess start(int parallelism, Map<String, String> settings, Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // to profile the job alone, e.g. PANGAN_BENCH_JOB_OPTS="-XX:StartFlightRecording=filename=job.jfr"
        String extra = System.getenv("PANGAN_BENCH_JOB_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("id.pahlawanpangan.cli.Main");
        command.add("run");
        command.add("--fresh");
        command.add("--parallelism");
        command.add(Integer.toString(parallelism));
        settings.forEach((key, value) -> {
            command.add("--set");
            command.add(key + "=" + value);
        });
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        return new JobProcess(pb.start());
    }

    long pid() {
        return process.pid();
    }

    double cpuSeconds() {
        return ProcessCpu.ofPid(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
