package id.pahlawanpangan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A command-line client a peer benchmark drives (pgbench, redis-cli, redis-benchmark). */
final class ExternalTool {
    private ExternalTool() {}

    /**
     * Runs the command to its end with the extra environment and, when not null, the file as its
     * standard input; returns its standard output, or throws with what it said when it failed.
     */
    static String run(List<String> command, Map<String, String> environment, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " could not be started (is it installed? make bench installs it): " + e.getMessage(), e);
        }
        // both pipes drained at once: a tool that fills one while we wait on the other would hang
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(command.get(0) + " exited with " + exit + ": " + errors.join().strip() + " " + output.strip());
        }
        errors.join();
        return output;
    }

    static String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        return run(command, environment, null);
    }

    static Path script(String prefix, String suffix, String text) throws IOException {
        Path file = Files.createTempFile(prefix, suffix);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
