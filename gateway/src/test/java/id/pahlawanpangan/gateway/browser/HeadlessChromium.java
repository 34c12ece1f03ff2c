package id.pahlawanpangan.gateway.browser;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
  * Debian's Chromium, headless, driven over the Chrome DevTools Protocol on a WebSocket: just enough of CDP for a test to
  * open a page, read its state with JavaScript, take a screenshot and see the page's console errors. No WebDriver or
  * Playwright: they download browsers and drivers of their own, and here only the package registries are reachable.
  */
public final class HeadlessChromium implements AutoCloseable {

    /** Installed by scripts/chromium (Debian's package). */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** The page's viewport, so screenshots have one size. */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path userDataDir;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path userDataDir, URI pageSocket) throws IOException {
        this.process = process;
        this.userDataDir = userDataDir;
        this.socket = join(HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(CALL_TIMEOUT)
                .buildAsync(pageSocket, new Listener(this::onMessage)), "connect to " + pageSocket);
        call("Runtime.enable");  // console calls and uncaught exceptions
        call("Log.enable");      // the browser's own errors: a resource that failed to load, a blocked request
        call("Page.enable");
        // the viewport exactly, not the window less whatever headless Chromium keeps of a window's frame
        call("Emulation.setDeviceMetricsOverride", Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Starts Chromium on about:blank with a fresh profile; fails, saying what to run, when it is not installed. */
    public static HeadlessChromium launch() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: run scripts/chromium (installs Debian's chromium package)");
        }
        Path userDataDir = Files.createTempDirectory("pangan-chromium-");
        Path log = userDataDir.resolve("chromium.log");
        Process process = new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless=new",
                "--no-sandbox",           // runs as root in CI, where the sandbox cannot start
                "--disable-gpu",
                "--remote-debugging-port=0",  // any free port, written to DevToolsActivePort
                "--user-data-dir=" + userDataDir,
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())  // a file, not a pipe nobody reads (a full pipe would stall Chromium)
                .start();
        try {
            Path portFile = userDataDir.resolve("DevToolsActivePort");
            await("Chromium's DevToolsActivePort")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Chromium exited with " + process.exitValue() + ":\n" + tail(log));
                        }
                        return Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2;
                    });
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            return new HeadlessChromium(process, userDataDir, pageSocket(port));
        } catch (RuntimeException | IOException e) {
            kill(process);
            deleteRecursively(userDataDir);
            throw e;
        }
    }

    /** The about:blank page's debugger socket, from the browser's list of targets. */
    private static URI pageSocket(int port) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(CALL_TIMEOUT).build();
        ObjectMapper json = new ObjectMapper();
        JsonNode[] page = new JsonNode[1];
        // the page target may be listed a moment after the port file is written
        await("Chromium's page target").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode targets = json.readTree(http.send(list, HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText()) && target.hasNonNull("webSocketDebuggerUrl")) {
                    page[0] = target;
                    return true;
                }
            }
            return false;
        });
        return URI.create(page[0].get("webSocketDebuggerUrl").asText());
    }

    /** Opens the URL and waits until the document has loaded (its deferred scripts have run). */
    public void navigate(String url) {
        JsonNode result = call("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("navigating to " + url + ": " + result.get("errorText").asText());
        }
        await("load of " + url).atMost(CALL_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> "complete".equals(evaluate("document.readyState").asText()));
    }

    /**
      * The value of a JavaScript expression, as JSON (a promise is awaited); {@link NullNode} for undefined or null.
      * An expression that throws fails here, with the page's message.
      */
    public JsonNode evaluate(String js) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", js, "returnByValue", true, "awaitPromise", true));
        if (result.hasNonNull("exceptionDetails")) {
            throw new IllegalStateException("evaluating " + js + ": " + describe(result.get("exceptionDetails")));
        }
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() ? NullNode.getInstance() : value;
    }

    /** Saves what the window shows as a PNG, making the file's directory if needed. */
    public void screenshot(Path png) throws IOException {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png"));
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** The page's console errors, uncaught exceptions and the browser's error log entries so far, in order. */
    public List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    /** One CDP command; its result, or an exception with the error the browser answered. */
    public JsonNode call(String method) {
        return call(method, Map.of());
    }

    public JsonNode call(String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        try {
            // WebSocket allows one outstanding send at a time
            synchronized (socket) {
                join(socket.sendText(json.writeValueAsString(message), true), "send " + method);
            }
            return join(answer, method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            consoleErrors.add("CDP message that is not JSON: " + text);
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
            if (answer != null) {
                if (message.has("error")) {
                    answer.completeExceptionally(new IllegalStateException("CDP error " + message.get("error")));
                } else {
                    answer.complete(message.path("result"));
                }
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> args = new ArrayList<>();
                    for (JsonNode arg : params.path("args")) {
                        args.add(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText(arg.toString()));
                    }
                    consoleErrors.add("console." + type + ": " + String.join(" ", args));
                }
            }
            case "Runtime.exceptionThrown" -> consoleErrors.add("uncaught: " + describe(params.path("exceptionDetails")));
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    consoleErrors.add("log: " + entry.path("text").asText() + " " + entry.path("url").asText(""));
                }
            }
            default -> { } // other events: nothing to keep
        }
    }

    private static String describe(JsonNode exceptionDetails) {
        JsonNode exception = exceptionDetails.path("exception");
        String text = exception.path("description").asText(exceptionDetails.path("text").asText());
        return text + " (" + exceptionDetails.path("url").asText("?") + ":" + exceptionDetails.path("lineNumber").asInt() + ")";
    }

    /** Kills Chromium (its zygote and renderers too) and deletes the profile. */
    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            pending.values().forEach(p -> p.completeExceptionally(new IllegalStateException("browser closed")));
            kill(process);
            deleteRecursively(userDataDir);
        }
    }

    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void deleteRecursively(Path dir) {
        // a renderer still exiting may write a last file: a second pass mops it up
        for (int pass = 0; pass < 2 && Files.exists(dir); pass++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // left for the next pass, else for the OS's temp cleaning
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static <T> T join(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no answer in " + CALL_TIMEOUT, e);
        }
    }

    /** Puts a CDP message's fragments back together (a screenshot comes in many) and hands it on. */
    private static final class Listener implements WebSocket.Listener {
        private final Consumer<String> onMessage;
        private final StringBuilder partial = new StringBuilder();

        Listener(Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                onMessage.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
