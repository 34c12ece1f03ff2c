package id.pahlawanpangan.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * One JVM of a standalone Flink cluster, started from a {@link FlinkHome} as Flink's own scripts
 * start one: {@code lib/} as the classpath; the memory flags and memory settings that
 * {@code BashJavaUtils} computes from the configuration (the same Flink methods, called here);
 * {@code env.java.opts.all} and the role's {@code env.java.opts.*}; logging to {@code log/NAME.log}, standard output to
 * {@code log/NAME.out}; {@code FLINK_HOME}, {@code FLINK_LIB_DIR} and {@code FLINK_CONF_DIR} set.
 */
final class FlinkJvm implements AutoCloseable {
    enum Role { JOB_MANAGER, TASK_MANAGER }

    private final String name;
    private final Process process;
    private final Path out;

    private FlinkJvm(String name, Process process, Path out) {
        this.name = name;
        this.process = process;
        this.out = out;
    }

    /**
     * Starts {@code entryClass} with {@code --configDir conf/}, the {@code dynamic} settings as
     * {@code -D key=value} and then {@code args}, in an environment with {@code env} added.
     */
    static FlinkJvm start(FlinkHome home, String name, Role role, String entryClass, Map<String, String> dynamic, List<String> args,
            Map<String, String> env) throws IOException {
        Configuration config = GlobalConfiguration.loadConfiguration(home.conf().toString(), Configuration.fromMap(dynamic));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        List<String> memory = role == Role.JOB_MANAGER ? jobManagerMemory(config) : taskManagerMemory(config);
        command.addAll(words(memory.get(0)));
        command.addAll(words(config.get(CoreOptions.FLINK_JVM_OPTIONS)));
        command.addAll(words(config.get(role == Role.JOB_MANAGER ? CoreOptions.FLINK_JM_JVM_OPTIONS : CoreOptions.FLINK_TM_JVM_OPTIONS)));
        command.addAll(List.of("-Dlog.file=" + home.log().resolve(name + ".log"), "-Dlog4j.configurationFile=" + home.conf().resolve("log4j.properties"),
                "-cp", home.lib().resolve("*").toString(), entryClass, "--configDir", home.conf().toString()));
        dynamic.forEach((key, value) -> command.addAll(List.of("-D", key + "=" + value)));
        command.addAll(words(memory.get(1)));
        command.addAll(args);

        Path out = home.log().resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("FLINK_HOME", home.dir.toString());
        // where Flink looks for usrlib/: next to the lib/ this names (ClusterEntrypointUtils.tryFindUserLibDirectory)
        pb.environment().put("FLINK_LIB_DIR", home.lib().toString());
        pb.environment().put("FLINK_CONF_DIR", home.conf().toString());
        pb.environment().putAll(env);
        return new FlinkJvm(name, pb.start(), out);
    }

    /** BashJavaUtils GET_JM_RESOURCE_PARAMS: the JVM's memory flags, then the memory settings to pass as -D. */
    private static List<String> jobManagerMemory(Configuration config) {
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(config, JobManagerOptions.JVM_HEAP_MEMORY);
        return List.of(JobManagerProcessUtils.generateJvmParametersStr(spec, config), JobManagerProcessUtils.generateDynamicConfigsStr(spec));
    }

    /** BashJavaUtils GET_TM_RESOURCE_PARAMS, likewise. */
    private static List<String> taskManagerMemory(Configuration config) {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(
                TaskExecutorProcessUtils.getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(config, TaskManagerOptions.TOTAL_FLINK_MEMORY));
        return List.of(ProcessMemoryUtils.generateJvmParametersStr(spec), TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the JVM printed (a program's {@code System.out} in a JobManager, Flink's fatal errors). */
    String output() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The JVM's state and the end of its output, for a failure's message. */
    String describe() {
        String tail;
        try {
            String all = output();
            tail = all.substring(Math.max(0, all.length() - 4000));
        } catch (IOException e) {
            tail = "(no output: " + e.getMessage() + ")";
        }
        return name + " (pid " + process.pid() + ", " + (process.isAlive() ? "running" : "exited " + process.exitValue())
                + "; log in " + out.resolveSibling(name + ".log") + "), output:\n" + tail;
    }

    /** Stops the JVM as Kubernetes stops a pod (SIGTERM, then SIGKILL after a grace period) and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") does not end");
            }
        }
    }
}
