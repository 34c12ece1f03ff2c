package id.pahlawanpangan.connectors;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a secret is, never what it is: an environment variable or a file (a mounted Kubernetes
 * Secret). It travels in the job graph by reference and is read where it is used, on the
 * TaskManager, so the value never appears in job graphs, logs or manifests.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String environmentVariable;
    private final String file;

    private Secret(String environmentVariable, String file) {
        this.environmentVariable = environmentVariable;
        this.file = file;
    }

    /** Read from this environment variable. */
    public static Secret fromEnvironment(String variable) {
        return new Secret(variable, null);
    }

    /** Read from this file (its content, without a trailing newline). */
    public static Secret fromFile(String path) {
        return new Secret(null, path);
    }

    /** No secret: for servers that trust loopback. */
    public static Secret none() {
        return new Secret(null, null);
    }

    /**
     * The usual lookup: {@code <VARIABLE>_FILE} names a file holding it, else {@code <VARIABLE>}
     * holds it, else there is none.
     */
    public static Secret fromEnvironmentOrFile(String variable) {
        String file = System.getenv(variable + "_FILE");
        if (file != null && !file.isBlank()) {
            return fromFile(file);
        }
        return System.getenv(variable) != null ? fromEnvironment(variable) : none();
    }

    /** Whether there is a secret to read (without reading it). */
    public boolean isSet() {
        return file != null || environmentVariable != null;
    }

    /** The secret's value, or null when there is none. */
    public String reveal() {
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the secret file " + file, e);
            }
        }
        return environmentVariable == null ? null : System.getenv(environmentVariable);
    }

    @Override
    public String toString() {
        return file != null ? "secret in file " + file : environmentVariable != null ? "secret in $" + environmentVariable : "no secret";
    }
}
