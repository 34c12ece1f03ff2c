package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tool's section of a Markdown document, between its two marker comments: rewritten by each
 * run, while what people write around the markers stays. A document without the markers gets
 * them at its end; a new document gets a title too.
 */
final class MarkedSection {
    private final String start;
    private final String end;

    MarkedSection(String start, String end) {
        this.start = start;
        this.end = end;
    }

    /** {@code document} with {@code body} between the markers, in place of what was there. */
    String into(String document, String body) {
        String existing = document != null ? document : "# Benchmarks\n\n" + start + "\n" + end + "\n";
        int from = existing.indexOf(start);
        int to = existing.indexOf(end);
        if (from < 0 || to < from) {
            existing = existing + "\n" + start + "\n" + end + "\n";
            from = existing.indexOf(start);
            to = existing.indexOf(end);
        }
        return existing.substring(0, from) + start + "\n" + body + end + existing.substring(to + end.length());
    }

    void write(Path doc, String body) throws IOException {
        String existing = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : null;
        Files.createDirectories(doc.toAbsolutePath().getParent());
        Files.writeString(doc, into(existing, body), StandardCharsets.UTF_8);
    }
}
