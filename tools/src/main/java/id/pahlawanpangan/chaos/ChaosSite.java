package id.pahlawanpangan.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Where the processes of a chaos run are, as {@code scripts/chaos} and {@code scripts/flink-cluster}
 * leave them: pid files of the services and of each cluster process, and the cluster script
 * that knows which JobManager leads. Signals are sent with {@code kill}, as an operator would.
 */
public final class ChaosSite {
    private final Path servicesDir;
    private final Path clusterDir;
    private final Path clusterScript;
    private final int restPort;
    private final Random random;

    public ChaosSite(Path servicesDir, Path clusterDir, Path clusterScript, int restPort, Random random) {
        this.servicesDir = servicesDir;
        this.clusterDir = clusterDir;
        this.clusterScript = clusterScript;
        this.restPort = restPort;
        this.random = random;
    }

    /** The process to do a fault to now: for a TaskManager, one of them at random. */
    long pid(Target target) throws IOException, InterruptedException {
        switch (target) {
            case TASKMANAGER: {
                List<Path> tms;
                try (Stream<Path> files = Files.list(clusterDir.resolve("pids"))) {
                    tms = files.filter(p -> p.getFileName().toString().startsWith("tm-")).sorted().toList();
                }
                return readPid(tms.get(random.nextInt(tms.size())));
            }
            case JOBMANAGER:
                return leaderPid();
            case NATS:
                return readPid(servicesDir.resolve("pids/nats"));
            case POSTGRES:
                return readPid(servicesDir.resolve("pg/postmaster.pid"));
            default:
                throw new IllegalArgumentException(target.name());
        }
    }

    private long leaderPid() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            ProcessBuilder pb = new ProcessBuilder(clusterScript.toString(), "leader");
            pb.environment().put("PANGAN_CLUSTER_DIR", clusterDir.toString());
            pb.environment().put("FLINK_REST_PORT", Integer.toString(restPort));
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0 && !out.isEmpty()) {
                return Long.parseLong(out.split("\\s+")[1]);
            }
            Thread.sleep(500); // between elections: no leader for a moment
        }
        throw new IllegalStateException("no JobManager leads (scripts/flink-cluster leader); see " + clusterDir.resolve("log"));
    }

    private static long readPid(Path file) throws IOException {
        return Long.parseLong(Files.readAllLines(file).get(0).strip());
    }

    /**
     * Sends the signal to the target's process and, for PostgreSQL, to its backends too: the
     * server is a postmaster with a process per connection, and stopping the postmaster alone
     * would stall only new connections while the job's open ones kept working.
     */
    static void signal(Target target, long pid, String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(pid)));
        if (target == Target.POSTGRES) {
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(child -> command.add(Long.toString(child.pid()))));
        }
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + ")");
        }
    }
}
