package id.pahlawanpangan.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 response read off a connection in pieces, as they arrive: status line, headers,
 * and a body of a {@code Content-Length}, chunked, or (without either) up to the connection's
 * end. Enough HTTP for the gateway benchmark's client, not a general one.
 */
final class HttpResponseParser {
    private byte[] buf = new byte[2048];
    private int len;
    private int headerEnd = -1;
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private String body;

    /** Takes what {@code in} holds; true once a whole response is in. */
    boolean feed(ByteBuffer in) {
        int n = in.remaining();
        if (len + n > buf.length) {
            byte[] larger = new byte[Math.max(buf.length * 2, len + n)];
            System.arraycopy(buf, 0, larger, 0, len);
            buf = larger;
        }
        in.get(buf, len, n);
        len += n;
        return parse();
    }

    /** The connection ended: true if that completes the response (one whose body runs to the end). */
    boolean endOfInput() {
        if (headerEnd < 0 || contentLength >= 0 || chunked) {
            return false;
        }
        body = new String(buf, headerEnd, len - headerEnd, StandardCharsets.UTF_8);
        close = true;
        return true;
    }

    /** Whether anything of a response has arrived. */
    boolean started() {
        return len > 0;
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }

    /** The server closes the connection after this response. */
    boolean closes() {
        return close;
    }

    /** Ready for the connection's next response. */
    void reset() {
        len = 0;
        headerEnd = -1;
        status = 0;
        body = null;
        close = false;
    }

    private boolean parse() {
        if (headerEnd < 0) {
            int end = indexOf(0, "\r\n\r\n");
            if (end < 0) {
                return false;
            }
            headerEnd = end + 4;
            readHeaders(new String(buf, 0, end, StandardCharsets.ISO_8859_1));
        }
        if (chunked) {
            return parseChunks();
        }
        if (contentLength >= 0) {
            if (len - headerEnd < contentLength) {
                return false;
            }
            body = new String(buf, headerEnd, (int) contentLength, StandardCharsets.UTF_8);
            return true;
        }
        return false; // up to the end of the connection
    }

    private void readHeaders(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IllegalStateException("not an HTTP response: " + lines[0]);
        }
        status = Integer.parseInt(statusLine[1]);
        contentLength = -1;
        chunked = false;
        close = statusLine[0].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length":
                    contentLength = Long.parseLong(value);
                    break;
                case "transfer-encoding":
                    chunked = value.contains("chunked");
                    break;
                case "connection":
                    close = value.contains("close") || (close && !value.contains("keep-alive"));
                    break;
                default:
                    break;
            }
        }
        if (status / 100 == 1 || status == 204 || status == 304) {
            contentLength = 0;
        }
    }

    private boolean parseChunks() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int at = headerEnd;
        while (true) {
            int lineEnd = indexOf(at, "\r\n");
            if (lineEnd < 0) {
                return false;
            }
            String sizeLine = new String(buf, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                // trailers, if any, then an empty line
                while (true) {
                    int end = indexOf(at, "\r\n");
                    if (end < 0) {
                        return false;
                    }
                    if (end == at) {
                        body = content.toString(StandardCharsets.UTF_8);
                        return true;
                    }
                    at = end + 2;
                }
            }
            if (len < at + size + 2) {
                return false;
            }
            content.write(buf, at, size);
            at += size + 2;
        }
    }

    private int indexOf(int from, String what) {
        outer:
        for (int i = from; i <= len - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (buf[i + j] != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
