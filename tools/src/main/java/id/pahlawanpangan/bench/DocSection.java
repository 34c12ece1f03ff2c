package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A section of a Markdown document between two marker lines, written by a benchmark: the text
 * between the markers is replaced, everything around them kept. A document without the markers
 * gets them at its end; a missing document is started with a title.
 */
final class DocSection {
    private final String start;
    private final String end;

    DocSection(String start, String end) {
        this.start = start;
        this.end = end;
    }

    /** {@code existing} (null: no document yet) with the section's content replaced by {@code body}. */
    String into(String existing, String body) {
        String doc = existing != null ? existing : "# Benchmarks\n";
        int from = doc.indexOf(start);
        int to = from < 0 ? -1 : doc.indexOf(end, from);
        if (from < 0 || to < 0) {
            String separator = doc.endsWith("\n\n") ? "" : doc.endsWith("\n") ? "\n" : "\n\n";
            doc = doc + separator + start + "\n" + end + "\n";
            from = doc.indexOf(start);
            to = doc.indexOf(end, from);
        }
        String content = body.endsWith("\n") ? body : body + "\n";
        return doc.substring(0, from) + start + "\n" + content + doc.substring(to);
    }

    void write(Path doc, String body) throws IOException {
        String existing = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : null;
        Path parent = doc.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(doc, into(existing, body), StandardCharsets.UTF_8);
    }
}
