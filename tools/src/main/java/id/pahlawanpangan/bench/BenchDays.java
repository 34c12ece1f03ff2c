package id.pahlawanpangan.bench;

import id.pahlawanpangan.core.SequentialMatcher;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.geo.CellGrid;
import id.pahlawanpangan.workload.DayGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The days the benchmarks replay, generated once and kept in a directory: a day of 50,000 NGOs
 * takes minutes to generate (its NGOs' answers are simulated against the reference engine), while
 * replaying it takes seconds. A kept day is used only if it was made by the same generator: its
 * file name carries a digest of the compiled classes that make a day (generator, reference engine,
 * events, cells).
 */
public final class BenchDays {
    /** The packages whose classes decide what a generated day holds. */
    private static final List<Class<?>> GENERATOR_PACKAGES = List.of(DayGenerator.class, SequentialMatcher.class, InputEvent.class, CellGrid.class);

    private final Path dir;
    private final ReadableConfig engine;
    private String generatorDigest;

    /**
     * @param dir where days are kept
     * @param engine the engine's settings, by which each day's {@link DayShape} is read
     */
    public BenchDays(Path dir, ReadableConfig engine) {
        this.dir = dir;
        this.engine = engine;
    }

    /** The day of these sizes (seed 42, the generator's other defaults), generated unless kept. */
    public BenchDay day(int offers, int ngos, double hotspotShare) throws IOException {
        Path file = dir.resolve(fileName(offers, ngos, hotspotShare, generatorDigest()));
        List<String> lines;
        if (Files.exists(file)) {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } else {
            System.err.printf("bench: generating a day of %,d offers and %,d NGOs%s into %s%n", offers, ngos,
                    hotspotShare == 0 ? "" : " with a hot spot", file);
            DayGenerator.Settings s = new DayGenerator.Settings();
            s.offers = offers;
            s.ngos = ngos;
            s.hotspotShare = hotspotShare;
            lines = new DayGenerator(s).generate();
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "generating-", ".jsonl");
            Files.write(partial, lines, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return new BenchDay(offers, ngos, hotspotShare, file, lines.size(), DayShape.of(lines, engine));
    }

    static String fileName(int offers, int ngos, double hotspotShare, String digest) {
        String hotspot = hotspotShare == 0 ? "" : String.format(Locale.ROOT, "-hotspot%.3f", hotspotShare);
        return String.format(Locale.ROOT, "day-%do-%dn%s-%s.jsonl", offers, ngos, hotspot, digest);
    }

    private String generatorDigest() throws IOException {
        if (generatorDigest == null) {
            generatorDigest = digestOf(GENERATOR_PACKAGES);
        }
        return generatorDigest;
    }

    /** A digest of the class files of each class's package, wherever they were loaded from (a jar, or a build's directory). */
    static String digestOf(List<Class<?>> packages) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Class<?> c : packages) {
            String prefix = c.getPackageName().replace('.', '/') + "/";
            Path source;
            try {
                source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | NullPointerException e) {
                throw new IOException("cannot tell where " + c.getName() + " was loaded from", e);
            }
            for (Entry entry : classFiles(source, prefix)) {
                sha.update(entry.name.getBytes(StandardCharsets.UTF_8));
                sha.update(entry.bytes);
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    private record Entry(String name, byte[] bytes) {}

    private static List<Entry> classFiles(Path source, String prefix) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (Files.isDirectory(source)) {
            Path pkg = source.resolve(prefix);
            try (Stream<Path> files = Files.walk(pkg)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    entries.add(new Entry(source.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f)));
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith(prefix) && e.getName().endsWith(".class"))
                        .sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        entries.add(new Entry(e.getName(), in.readAllBytes()));
                    }
                }
            }
        }
        return entries;
    }
}
