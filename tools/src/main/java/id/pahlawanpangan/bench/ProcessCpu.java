package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of processes on this machine, from {@code /proc}: user plus system time of every
 * thread. A process that ended takes its time with it, so count long-lived processes only (the
 * job, nats-server, PostgreSQL's server and its connections).
 */
final class ProcessCpu {
    /** Linux's USER_HZ on every architecture Flink runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    /** CPU seconds of one process so far, or 0 when it is gone. */
    static double ofPid(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces and parentheses: the fields start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds so far of every process whose command name is {@code comm} ("postgres", "nats-server"). */
    static double ofCommand(String comm) {
        double total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && comm.equals(commandOf(p))) {
                    total += ofPid(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    private static String commandOf(Path proc) {
        try {
            return Files.readString(proc.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
