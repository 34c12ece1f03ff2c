package id.pahlawanpangan.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's clients, from a keys file that holds no secret: one line per client,
 * {@code <role> <id> <sha256 of its key, hex>}, {@code #} for comments. A key is shown once, when
 * {@link #add} makes it; the gateway only ever compares hashes, so a leaked keys file lets nobody
 * in. The file is read again when it changes, so adding or removing a client needs no restart.
 */
public final class ApiKeys {
    private static final int MIN_KEY_LENGTH = 20;
    private static final int MAX_KEY_LENGTH = 200;
    private static final long RECHECK_MS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private volatile Map<String, Client> byHash;
    private volatile FileTime loadedVersion;
    private volatile long checkedAt;

    private ApiKeys(Path file, Map<String, Client> byHash, FileTime version) {
        this.file = file;
        this.byHash = byHash;
        this.loadedVersion = version;
        this.checkedAt = System.currentTimeMillis();
    }

    /** The clients of this file, read now and again whenever it changes. */
    public static ApiKeys load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no gateway keys file at " + file + " (bin/pangan-gateway keys add --file " + file + " ... makes one)");
        }
        return new ApiKeys(file, parse(file), Files.getLastModifiedTime(file));
    }

    /** The client this key belongs to, if any. */
    public Optional<Client> authenticate(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        reloadIfChanged();
        return Optional.ofNullable(byHash.get(sha256(key)));
    }

    public int size() {
        return byHash.size();
    }

    /**
     * Adds a client with a new random key to the file (made if missing) and returns the key: the
     * only time it exists outside the client.
     */
    public static String add(Path file, Client client) throws IOException {
        String key = newKey();
        addKey(file, client, key);
        return key;
    }

    /** A new random key: {@code pgk_} and 256 random bits. */
    public static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "pgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The keys file's line for a client and its key (many clients at once: write the lines yourself). */
    public static String line(Client client, String key) {
        return client.role().wireName() + " " + client.id() + " " + sha256(key) + System.lineSeparator();
    }

    /** Adds a client with a key chosen elsewhere (tests, a secret manager). */
    public static void addKey(Path file, Client client, String key) throws IOException {
        if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("a gateway key is " + MIN_KEY_LENGTH + " to " + MAX_KEY_LENGTH + " printable ASCII characters");
        }
        if (Files.exists(file)) {
            for (Client existing : parse(file).values()) {
                if (existing.equals(client)) {
                    throw new IllegalArgumentException(client + " already has a key in " + file + "; remove it first to issue a new one");
                }
            }
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, line(client, key), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Removes every key of this client; true when there was one. */
    public static boolean remove(Path file, Client client) throws IOException {
        List<String> kept = new ArrayList<>();
        boolean removed = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals(client.role().wireName()) && f[1].equals(client.id())) {
                removed = true;
            } else {
                kept.add(line);
            }
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
        return removed;
    }

    /** The clients of a file, in no particular order. */
    public static List<Client> clients(Path file) throws IOException {
        return new ArrayList<>(parse(file).values());
    }

    private void reloadIfChanged() {
        long now = System.currentTimeMillis();
        if (now - checkedAt < RECHECK_MS) {
            return;
        }
        checkedAt = now;
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (!version.equals(loadedVersion)) {
                byHash = parse(file);
                loadedVersion = version;
            }
        } catch (IOException | RuntimeException e) {
            // a file half written or briefly missing: keep serving with the clients known so far
        }
    }

    private static Map<String, Client> parse(Path file) throws IOException {
        Map<String, Client> clients = new HashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] f = text.split("\\s+");
            if (f.length != 3 || !f[2].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(file + ":" + number + ": expected '<role> <id> <sha256 hex of the key>'");
            }
            try {
                clients.put(f[2], new Client(ClientRole.fromWire(f[0]), f[1]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
            }
        }
        return Collections.unmodifiableMap(clients);
    }

    /** The hash a keys file holds for a key: SHA-256, hex. */
    static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys{" + file + ", " + size() + " clients}";
    }
}
