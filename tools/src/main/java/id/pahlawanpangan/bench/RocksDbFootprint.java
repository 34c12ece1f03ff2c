package id.pahlawanpangan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The job's RocksDB instances on disk: one directory per keyed operator subtask,
 * {@code job_<job id>_op_<operator>_<subtask>__uuid_<uuid>}, in its TaskManager's temporary
 * directory. The embedded cluster of {@code bin/pangan run} (a MiniCluster) puts them in
 * {@code <io.tmp.dirs>/minicluster_<id>/tm_<n>/tmp/}; a standalone TaskManager in its
 * {@code <io.tmp.dirs>/flink-io-<uuid>/} or {@code tm_<id>/tmp/}. Every file is counted once:
 * an incremental checkpoint hard-links the SST files into a {@code chk-<n>} directory beside
 * {@code db} while it uploads them.
 */
final class RocksDbFootprint {
    /** Bytes on disk and the number of RocksDB instances (directories) they are in. */
    record Size(long bytes, int instances) {}

    private RocksDbFootprint() {}

    static Size of(List<Path> tmpDirs, String jobId) throws IOException {
        String prefix = "job_" + jobId + "_op_";
        List<Path> instances = new ArrayList<>();
        for (Path tmp : tmpDirs) {
            for (Path cluster : children(tmp, "minicluster_*")) {
                for (Path tm : children(cluster, "tm_*")) {
                    instances.addAll(children(tm.resolve("tmp"), prefix + "*"));
                }
            }
            for (Path io : children(tmp, "{flink-io-*,tm_*}")) {
                instances.addAll(children(io, prefix + "*"));
                instances.addAll(children(io.resolve("tmp"), prefix + "*"));
            }
        }
        Set<Object> counted = new HashSet<>();
        long bytes = 0;
        for (Path instance : instances) {
            bytes += sizeOf(instance, counted);
        }
        return new Size(bytes, instances.size());
    }

    private static List<Path> children(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) {
                if (Files.isDirectory(p)) {
                    found.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            // removed while listed
        }
        return found;
    }

    /** Regular files under {@code dir}, each (device, inode) once; files that vanish while counted (compaction) are skipped. */
    private static long sizeOf(Path dir, Set<Object> counted) throws IOException {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Object key = attrs.fileKey() != null ? attrs.fileKey() : file;
                    if (attrs.isRegularFile() && counted.add(key)) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException | UncheckedIOException e) {
            // the instance went away (the job stopping)
        }
        return total[0];
    }
}
