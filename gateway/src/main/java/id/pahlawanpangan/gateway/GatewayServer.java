package id.pahlawanpangan.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.live.Subjects;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import io.nats.client.Connection;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP gateway: providers post and cancel offers, NGOs say where they are and answer offers,
 * and both get what they may see as server-sent events; every request is authenticated and bound
 * to its client's own id, validated as the job validates, and answered 202 only once JetStream has
 * stored it. Javalin on Jetty 12: a small, maintained server whose handlers are plain Java, with
 * server-sent events and asynchronous answers built in, and nothing else to configure.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer ";
    private static final String JSON_TYPE = "application/json";
    /** The page talks only to the gateway: no tile server, no CDN, no other origin. */
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "connect-src 'self'; frame-ancestors 'none'";

    private final GatewaySettings settings;
    private final ApiKeys keys;
    private final Connection nats;
    private final InputRequests requests;
    private final InputPublisher publisher;
    private final EventStreams events;
    private final GatewayMetrics metrics;
    private final byte[] openApi;
    private final java.util.Map<Client, java.util.concurrent.atomic.AtomicInteger> openStreams = new java.util.concurrent.ConcurrentHashMap<>();
    private final Javalin app;

    public GatewayServer(GatewaySettings settings, ApiKeys keys, Connection nats) throws IOException {
        this.settings = settings;
        this.keys = keys;
        this.nats = nats;
        Subjects subjects = new Subjects(settings.namespace);
        InputParser parser = new InputParser(settings.maxPayloadBytes, settings.maxClockSkew.toMillis());
        this.requests = new InputRequests(parser, System::currentTimeMillis);
        this.publisher = new InputPublisher(nats, subjects, settings.ackTimeout);
        this.metrics = new GatewayMetrics();
        this.events = new EventStreams(nats, subjects, parser, metrics, settings.dispatchLookback, settings.heartbeat);
        this.openApi = resource("/openapi.json");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // far above an event's limit, so that the contract's payload_too_large is ours to say; a
            // larger body is cut off by Jetty before it is read into memory
            config.http.maxRequestSize = 1L << 20;
            config.http.prefer405over404 = true;
            config.jetty.host = settings.host;
            config.jetty.port = settings.port;
            if (GatewayServer.class.getResource("/dispatch/index.html") != null) {
                config.staticFiles.add(files -> {
                    files.hostedPath = "/dispatch";
                    files.directory = "/dispatch";
                    files.location = Location.CLASSPATH;
                    files.headers = Map.of("Content-Security-Policy", PAGE_POLICY, "X-Content-Type-Options", "nosniff",
                            "Cache-Control", "no-cache");
                });
            }
            // the page loads its files by relative paths: /dispatch must become /dispatch/ (Javalin matches both)
            config.routes.before("/dispatch", ctx -> {
                if (ctx.path().equals("/dispatch")) {
                    ctx.redirect("/dispatch/");
                }
            });
            RoutesConfig routes = config.routes;
            on(routes, HandlerType.POST, "/v1/offers", ctx -> {
                Client client = client(ctx, false);
                publish(ctx, client, requests.offerPosted(client, ctx.bodyAsBytes()));
            });
            on(routes, HandlerType.POST, "/v1/offers/{offerId}/cancel", ctx -> {
                Client client = client(ctx, false);
                publish(ctx, client, requests.offerCancelled(client, ctx.pathParam("offerId"), ctx.bodyAsBytes()));
            });
            on(routes, HandlerType.PUT, "/v1/ngos/{ngoId}/availability", ctx -> {
                Client client = client(ctx, false);
                publish(ctx, client, requests.availability(client, ctx.pathParam("ngoId"), ctx.bodyAsBytes()));
            });
            answer(routes, "claim", InputType.CLAIM_ACCEPTED);
            answer(routes, "decline", InputType.CLAIM_DECLINED);
            answer(routes, "pickup", InputType.PICKUP_COMPLETED);
            on(routes, HandlerType.GET, "/v1/ngos/{ngoId}/events", this::ngoEvents);
            on(routes, HandlerType.GET, "/v1/dispatch/events", this::dispatchEvents);
            on(routes, HandlerType.GET, "/v1/openapi.json", ctx -> ctx.contentType(JSON_TYPE).result(openApi));
            on(routes, HandlerType.GET, "/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
            on(routes, HandlerType.GET, "/healthz", this::health);
            config.routes.error(404, ctx -> {
                if (!ctx.path().startsWith("/dispatch")) {
                    error(ctx, new ApiError(404, "not_found", "no route " + ctx.method() + " " + ctx.path() + " (GET /v1/openapi.json lists them)"));
                }
            });
            config.routes.error(405, ctx -> error(ctx, new ApiError(405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, new ApiError(500, "internal_error", "the gateway failed on this request; it is logged"));
            });
        });
    }

    public GatewayServer start() {
        app.start();
        LOG.info("gateway listening on http://{}:{} (namespace {}, {} clients)", settings.host, app.port(), settings.namespace, keys.size());
        return this;
    }

    public int port() {
        return app.port();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        events.close();
        app.stop();
    }

    private void answer(RoutesConfig routes, String action, InputType type) {
        on(routes, HandlerType.POST, "/v1/offers/{offerId}/" + action, ctx -> {
            Client client = client(ctx, false);
            publish(ctx, client, requests.claim(client, ctx.pathParam("offerId"), type, ctx.bodyAsBytes()));
        });
    }

    private void on(RoutesConfig routes, HandlerType method, String template, Handler handler) {
        routes.addHttpHandler(method, template, route(method.name(), template, handler));
    }

    /** A handler with its metrics and its refusals answered as JSON. */
    private Handler route(String method, String template, Handler handler) {
        return ctx -> {
            long start = System.nanoTime();
            ctx.attribute("pangan.start", start);
            ctx.attribute("pangan.route", template);
            try {
                handler.handle(ctx);
            } catch (ApiError e) {
                error(ctx, e);
            }
            if (ctx.attribute("pangan.async") == null) {
                metrics.answered(method, template, ctx.statusCode(), System.nanoTime() - start);
            }
        };
    }

    /** The client a request speaks for; event streams may carry the key as a query parameter (EventSource sets no headers). */
    private Client client(Context ctx, boolean queryKeyAllowed) {
        String header = ctx.header("Authorization");
        String key = null;
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            key = header.substring(BEARER.length()).trim();
        } else if (queryKeyAllowed) {
            key = ctx.queryParam("access_token");
        }
        Optional<Client> client = keys.authenticate(key);
        if (client.isEmpty()) {
            throw ApiError.unauthenticated();
        }
        return client.get();
    }

    private void publish(Context ctx, Client client, InputMessage message) {
        long publishedAt = System.nanoTime();
        CompletableFuture<PublishAck> ack = publisher.publish(message, client, ctx.header("Idempotency-Key"), ctx.header("traceparent"));
        ctx.attribute("pangan.async", true);
        long start = ctx.attribute("pangan.start");
        String method = ctx.method().name();
        String template = ctx.attribute("pangan.route");
        ctx.future(() -> ack.handle((stored, failure) -> {
            if (failure == null) {
                metrics.acknowledged(System.nanoTime() - publishedAt);
                ObjectNode body = JSON.createObjectNode();
                body.put("stream", stored.getStream());
                body.put("seq", stored.getSeqno());
                body.put("duplicate", stored.isDuplicate());
                ctx.status(202).contentType(JSON_TYPE).result(body.toString());
            } else {
                ApiError refusal = InputPublisher.refusal(failure instanceof CompletionException ? failure.getCause() : failure);
                error(ctx, refusal);
            }
            metrics.answered(method, template, ctx.statusCode(), System.nanoTime() - start);
            return null;
        }));
    }

    private void ngoEvents(Context ctx) {
        Client client = client(ctx, true);
        String ngoId = ctx.pathParam("ngoId");
        if (!client.is(ClientRole.NGO, ngoId)) {
            throw client.role() == ClientRole.NGO ? ApiError.identityMismatch(client, "ngo", ngoId)
                    : ApiError.forbidden(client, "read an NGO's decisions");
        }
        String lastEventId = ctx.header("Last-Event-ID");
        requireEventStream(ctx);
        Runnable release = holdStream(client);
        new SseHandler(sse -> events.ngo(sse, ngoId, lastEventId, release)).handle(ctx);
    }

    private void dispatchEvents(Context ctx) {
        Client client = client(ctx, true);
        if (client.role() != ClientRole.DISPATCHER) {
            throw ApiError.forbidden(client, "read the dispatchers' stream");
        }
        Duration since = lookback(ctx.queryParam("since"));
        String lastEventId = ctx.header("Last-Event-ID");
        requireEventStream(ctx);
        Runnable release = holdStream(client);
        new SseHandler(sse -> events.dispatch(sse, lastEventId, since, release)).handle(ctx);
    }

    /** Counts a client's open event streams, refusing one too many; the returned action gives it back (once). */
    private Runnable holdStream(Client client) {
        java.util.concurrent.atomic.AtomicInteger open = openStreams.computeIfAbsent(client, c -> new java.util.concurrent.atomic.AtomicInteger());
        if (open.incrementAndGet() > settings.maxStreamsPerClient) {
            open.decrementAndGet();
            throw new ApiError(429, "too_many_streams", "a client holds at most " + settings.maxStreamsPerClient
                    + " event streams open at once; close one first (each is a JetStream consumer of the gateway's)");
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
    }

    /** An event stream is all these routes answer: a client that does not accept one is told so, not sent an empty 200. */
    private static void requireEventStream(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiError(406, "not_acceptable", "this route answers with server-sent events: send 'Accept: text/event-stream'");
        }
    }

    private Duration lookback(String since) {
        if (since == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(since);
            if (d.isNegative() || d.compareTo(settings.maxDispatchLookback) > 0) {
                throw ApiError.badRequest("out_of_range:since", "since is at most " + settings.maxDispatchLookback);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_since", "since is an ISO-8601 duration such as PT6H");
        }
    }

    private void health(Context ctx) {
        boolean up = nats.getStatus() == Connection.Status.CONNECTED;
        ctx.status(up ? 200 : 503).contentType(JSON_TYPE)
                .result(up ? "{\"status\":\"ok\"}" : "{\"status\":\"nats_unavailable\",\"nats\":\"" + nats.getStatus() + "\"}");
    }

    private void error(Context ctx, ApiError e) {
        metrics.refused(e.reason());
        ObjectNode body = JSON.createObjectNode();
        body.put("error", e.reason());
        body.put("message", e.getMessage());
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"pangan\"");
        }
        ctx.status(e.status()).contentType(JSON_TYPE).result(body.toString());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GatewayServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the gateway jar lacks " + name);
            }
            return in.readAllBytes();
        }
    }
}
