package id.pahlawanpangan.access;

import id.pahlawanpangan.live.Subjects;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The NATS users of one deployment, kept in a directory next to nats-server's configuration:
 * {@code members.tsv} (role, id, public key: the record) and {@code auth.conf} (what nats-server
 * includes, rewritten from the record on every change). Seeds this tool generates go to
 * {@code seeds/}, readable by their owner only, to be handed to the app they belong to; a member
 * who brings its own public key never shares its seed at all.
 */
public final class AccessDirectory {
    public static final String MEMBERS = "members.tsv";
    public static final String AUTH_CONFIG = "auth.conf";
    public static final String SEEDS = "seeds";

    private final Path dir;
    private final Subjects subjects;
    private final List<Member> members;

    private AccessDirectory(Path dir, Subjects subjects, List<Member> members) {
        this.dir = dir;
        this.subjects = subjects;
        this.members = members;
    }

    /** A new directory for a deployment, with its admin and its job; fails if it holds members already. */
    public static AccessDirectory create(Path dir, Subjects subjects) throws IOException {
        if (Files.exists(dir.resolve(MEMBERS))) {
            throw new IllegalStateException(dir.resolve(MEMBERS) + " exists: this directory already has members");
        }
        Files.createDirectories(dir);
        AccessDirectory access = new AccessDirectory(dir, subjects, new ArrayList<>());
        access.addWithNewKey(Role.ADMIN, "admin");
        access.addWithNewKey(Role.JOB, "job");
        return access;
    }

    public static AccessDirectory open(Path dir) throws IOException {
        Path file = dir.resolve(MEMBERS);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no " + file + ": create it with `pangan access init --dir " + dir + "`");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Subjects subjects = null;
        List<Member> members = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (f[0].equals("namespace")) {
                subjects = new Subjects(f[1]);
            } else if (f.length == 3) {
                members.add(new Member(Role.of(f[0]), f[1], f[2]));
            } else {
                throw new IllegalStateException(file + ": not a member line (role, id, public key): " + line);
            }
        }
        if (subjects == null) {
            throw new IllegalStateException(file + " names no namespace");
        }
        return new AccessDirectory(dir, subjects, members);
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public Subjects subjects() {
        return subjects;
    }

    public Optional<Member> find(Role role, String id) {
        return members.stream().filter(m -> m.role == role && m.id.equals(id)).findFirst();
    }

    /** Adds a member with a new NKey; returns the file holding its seed (owner-readable only). */
    public Path addWithNewKey(Role role, String id) throws IOException {
        NKey key;
        char[] publicKey;
        char[] seedText;
        try {
            key = NKey.createUser(new SecureRandom());
            publicKey = key.getPublicKey();
            seedText = key.getSeed();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an NKey", e);
        }
        add(new Member(role, id, new String(publicKey)));
        Path seeds = Files.createDirectories(dir.resolve(SEEDS));
        Path seed = seeds.resolve(role.wireName() + "-" + Subjects.token(id) + ".nk");
        Files.deleteIfExists(seed);
        Files.createFile(seed, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(seed, (new String(seedText) + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
        return seed;
    }

    /** Adds a member whose app made its own key pair and gave only the public key. */
    public void add(Member member) throws IOException {
        if (find(member.role, member.id).isPresent()) {
            throw new IllegalStateException(member + " is a member already (remove it first to give it a new key)");
        }
        if (member.role == Role.JOB && members.stream().anyMatch(m -> m.role == Role.JOB)) {
            throw new IllegalStateException("a deployment has one job user: its replies come to one inbox prefix");
        }
        members.add(member);
        save();
    }

    public boolean remove(Role role, String id) throws IOException {
        boolean removed = members.removeIf(m -> m.role == role && m.id.equals(id));
        if (removed) {
            save();
        }
        return removed;
    }

    private void save() throws IOException {
        StringBuilder record = new StringBuilder("# Pahlawan Pangan's NATS users: written by `pangan access`\nnamespace\t")
                .append(subjects.namespace()).append('\n');
        for (Member m : members) {
            record.append(m.role.wireName()).append('\t').append(m.id).append('\t').append(m.publicKey).append('\n');
        }
        replace(dir.resolve(MEMBERS), record.toString());
        replace(dir.resolve(AUTH_CONFIG), NatsAuthConfig.render(members, subjects));
    }

    /** Whole or not at all: nats-server may reload while this runs. */
    private static void replace(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
