package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM holds live: a full collection ({@code jcmd <pid> GC.run}), then the heap's used
 * bytes ({@code jcmd <pid> GC.heap_info}). Read between two collections the used heap is a
 * sawtooth that says more about when the last young collection ran than about what the job keeps;
 * after a full one it is what survives, which is what would grow if state leaked onto the heap.
 * The price is one full pause of the job per sample.
 */
final class HeapAfterGc {
    /** "garbage-first heap   total 368640K, used 106373K [...]": the first "used" is the whole heap's. */
    private static final Pattern USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private HeapAfterGc() {}

    /** Bytes of heap in use right after a full collection of process {@code pid}. */
    static long bytes(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return usedBytes(jcmd(pid, "GC.heap_info"));
    }

    /** The used heap in {@code GC.heap_info}'s output, in bytes. */
    static long usedBytes(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        if (!m.find()) {
            throw new IllegalArgumentException("no heap usage in: " + heapInfo.strip());
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmdCommand(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out.strip());
        }
        return out;
    }

    /** The jcmd of the JDK this runs on (the job runs on the same), else the one on the PATH. */
    private static String jcmdCommand() {
        return ProcessHandle.current().info().command()
                .map(java -> Path.of(java).resolveSibling("jcmd"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .orElse("jcmd");
    }
}
