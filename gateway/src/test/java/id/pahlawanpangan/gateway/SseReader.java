package id.pahlawanpangan.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A test's client of one event stream, as an app reads it ({@code Accept: text/event-stream}):
 * collects the events as they come, each with when it arrived. Shared with the tools' live tests
 * through the gateway's test jar.
 */
public final class SseReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its id (null when none), name, data, and when it arrived ({@link System#nanoTime}). */
    public record Event(String id, String name, String data, long arrivedNanos) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (Exception e) {
                throw new IllegalStateException("an event's data that is not JSON: " + data, e);
            }
        }
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    /** Authenticated by the URI ({@code access_token}), as a browser's EventSource is. */
    public SseReader(HttpClient http, URI uri, String lastEventId) {
        this(http, uri, null, lastEventId);
    }

    /** With the key as a bearer token (null: none), resuming after {@code lastEventId} (null: from now). */
    public SseReader(HttpClient http, URI uri, String key, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(Duration.ofMinutes(10));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        response = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            lines = r.body();
            String[] current = new String[3];
            try {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (current[1] != null || current[2] != null) {
                            events.add(new Event(current[0], current[1], current[2], System.nanoTime()));
                        }
                        current[0] = current[1] = current[2] = null;
                    } else if (line.startsWith("id:")) {
                        current[0] = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        current[1] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        current[2] = line.substring(5).trim();
                    }
                });
            } catch (RuntimeException e) {
                // the stream was closed under us: the test is over
            }
        }, SseReader::reader);
    }

    /** A thread of its own for each stream: a blocking read must not hold one of the common pool's few. */
    private static void reader(Runnable read) {
        Thread t = new Thread(read, "sse-reader");
        t.setDaemon(true);
        t.start();
    }

    public int status() throws Exception {
        return response.get().statusCode();
    }

    public List<Event> named(String name) {
        return events.stream().filter(e -> name.equals(e.name())).toList();
    }

    @Override
    public void close() {
        Stream<String> s = lines;
        if (s != null) {
            s.close();
        }
        response.cancel(true);
    }
}
