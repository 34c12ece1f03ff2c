package id.pahlawanpangan.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.live.Subjects;
import io.javalin.http.sse.SseClient;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decisions as server-sent events, read from JetStream by an ordered consumer per open stream:
 * an NGO's app gets its own decisions without a NATS client, the dispatcher page everything but
 * dead letters plus the NGOs' availability. Each event's SSE id is where it lies in its stream,
 * so a client that reconnects with {@code Last-Event-ID} misses nothing and sees nothing twice.
 * Each stream has its own NATS dispatcher thread: a slow client holds up only itself.
 */
public final class EventStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NGO_KIND = "ngo";
    static final String DISPATCH_KIND = "dispatch";

    private final Connection nats;
    private final JetStream jetStream;
    private final Subjects subjects;
    private final InputParser parser;
    private final GatewayMetrics metrics;
    private final Duration dispatchLookback;
    private final Duration heartbeat;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pangan-gateway-sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public EventStreams(Connection nats, Subjects subjects, InputParser parser, GatewayMetrics metrics, Duration dispatchLookback,
            Duration heartbeat) throws IOException {
        this.heartbeat = heartbeat;
        this.nats = nats;
        this.jetStream = nats.jetStream();
        this.subjects = subjects;
        this.parser = parser;
        this.metrics = metrics;
        this.dispatchLookback = dispatchLookback;
    }

    /** {@code GET /v1/ngos/{id}/events}: the NGO's own decisions, from where the client left off, else from now. */
    public void ngo(SseClient client, String ngoId, String lastEventId, Runnable onClose) {
        long after = outputSequence(lastEventId);
        Stream stream = new Stream(client, NGO_KIND, onClose);
        stream.follow(subjects.outputStream(), subjects.forNgo(ngoId), after > 0 ? startAfter(after) : fromNow(), (m, seq) -> {
            stream.send(Long.toString(seq), outputType(m.getSubject()), new String(m.getData(), StandardCharsets.UTF_8));
        });
        stream.ready();
    }

    /**
     * {@code GET /v1/dispatch/events}: decisions and NGO snapshots since {@code lookback} ago (the
     * page builds its picture from them), then live. The SSE id carries both streams' positions.
     */
    public void dispatch(SseClient client, String lastEventId, Duration lookback, Runnable onClose) {
        long[] resume = dispatchPositions(lastEventId);
        Duration since = lookback == null ? dispatchLookback : lookback;
        long[] sent = {resume[0], resume[1]};
        Stream stream = new Stream(client, DISPATCH_KIND, onClose);
        String deadLetterAudience = ".deadletter.";
        stream.follow(subjects.outputStream(), subjects.outputs() + ".>", resume[0] > 0 ? startAfter(resume[0]) : fromAgo(since), (m, seq) -> {
            if (m.getSubject().contains(deadLetterAudience)) {
                return; // rejected input is the operators', not the dispatchers' (docs/SECURITY.md)
            }
            sent[0] = seq;
            stream.send(sent[0] + ":" + sent[1], outputType(m.getSubject()), new String(m.getData(), StandardCharsets.UTF_8));
        });
        stream.follow(subjects.inputStream(SourceStream.NGOS), subjects.inputPrefix(SourceStream.NGOS) + ".>",
                resume[1] > 0 ? startAfter(resume[1]) : fromAgo(since), (m, seq) -> {
                    String snapshot = ngoSnapshot(m, seq);
                    sent[1] = seq;
                    if (snapshot != null) {
                        stream.send(sent[0] + ":" + sent[1], InputType.NGO_AVAILABILITY.wireName(), snapshot);
                    }
                });
        stream.ready();
    }

    /**
     * An NGO's availability as the page may show it: only a snapshot the job would accept, from
     * the NGO the subject names, and only the fields of the contract, written by us: whatever
     * else a publisher put in its message never reaches a dispatcher's browser.
     */
    String ngoSnapshot(Message m, long seq) {
        String publisher = Subjects.publisherOf(m.getSubject());
        RawInput raw = new RawInput(SourceStream.NGOS, seq, publisher, new String(m.getData(), StandardCharsets.UTF_8),
                m.metaData().timestamp().toInstant().toEpochMilli());
        ParsedInput parsed = parser.parse(raw);
        if (!parsed.isValid() || parsed.event().type != InputType.NGO_AVAILABILITY) {
            return null;
        }
        InputEvent e = parsed.event();
        ObjectNode o = JSON.createObjectNode();
        o.put("type", e.type.wireName());
        o.put("ngo_id", e.ngoId);
        o.put("lat", e.lat);
        o.put("lon", e.lon);
        o.put("radius_km", e.radiusKm);
        o.put("capacity_kg", e.capacityKg);
        ArrayNode accepts = o.putArray("accepts");
        for (Category c : Category.values()) {
            if (c.isIn(e.accepts)) {
                accepts.add(c.wireName());
            }
        }
        o.put("halal_only", e.halalOnly);
        o.put("vegetarian_only", e.vegetarianOnly);
        o.put("has_cold_chain", e.hasColdChain);
        o.put("active", e.active);
        o.put("event_time", Times.format(e.eventTime));
        return o.toString();
    }

    /** "123" (an NGO's stream), or "123:45" (the dispatcher's): the output stream's position, 0 when none. */
    static long outputSequence(String lastEventId) {
        return dispatchPositions(lastEventId)[0];
    }

    static long[] dispatchPositions(String lastEventId) {
        long[] positions = {0, 0};
        if (lastEventId == null) {
            return positions;
        }
        String[] parts = lastEventId.trim().split(":", -1);
        for (int i = 0; i < Math.min(2, parts.length); i++) {
            try {
                positions[i] = Math.max(0, Long.parseLong(parts[i]));
            } catch (NumberFormatException e) {
                return new long[] {0, 0}; // not one of ours: start afresh
            }
        }
        return positions;
    }

    private static ConsumerConfiguration.Builder startAfter(long seq) {
        return ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(seq + 1);
    }

    private static ConsumerConfiguration.Builder fromNow() {
        return ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New);
    }

    private static ConsumerConfiguration.Builder fromAgo(Duration ago) {
        return ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.ByStartTime)
                .startTime(ZonedDateTime.ofInstant(Instant.now().minus(ago), ZoneOffset.UTC));
    }

    /** An output subject is {@code <ns>.out.<ngo>.<audience>.<type>}, and a type has a dot of its own ({@code offer.proposed}). */
    static String outputType(String subject) {
        String[] tokens = subject.split("\\.", 5);
        return tokens.length == 5 ? tokens[4] : subject;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }

    private interface OnMessage {
        void accept(Message m, long streamSequence) throws Exception;
    }

    /** One client's event stream: its consumers, its dispatcher thread, its heartbeat. */
    private final class Stream {
        private final SseClient client;
        private final String kind;
        private final Runnable onClose;
        private final Dispatcher dispatcher;
        private final List<JetStreamSubscription> subscriptions = new ArrayList<>();
        private volatile boolean closed;

        Stream(SseClient client, String kind, Runnable onClose) {
            this.client = client;
            this.kind = kind;
            this.onClose = onClose;
            this.dispatcher = nats.createDispatcher();
            metrics.streamOpened(kind);
            client.keepAlive();
            client.onClose(this::close);
            // proxies and load balancers close a connection that says nothing for a minute
            heartbeats.schedule(this::heartbeat, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Says the stream is set up: everything stored from now on will come. */
        void ready() {
            send(null, "ready", "{}");
        }

        void follow(String streamName, String filter, ConsumerConfiguration.Builder from, OnMessage onMessage) {
            try {
                PushSubscribeOptions options = PushSubscribeOptions.builder().stream(streamName).ordered(true)
                        .configuration(from.filterSubject(filter).build()).build();
                subscriptions.add(jetStream.subscribe(filter, dispatcher, m -> {
                    if (closed) {
                        return;
                    }
                    try {
                        onMessage.accept(m, m.metaData().streamSequence());
                    } catch (Exception e) {
                        LOG.warn("event stream ({}): a message of {} could not be sent, closing the stream: {}", kind, streamName, e.toString());
                        close();
                    }
                }, false, options));
            } catch (Exception e) {
                LOG.warn("event stream ({}): cannot follow {} ({}): {}", kind, streamName, filter, e.toString());
                send(null, "error", "{\"error\":\"nats_unavailable\"}");
                close();
            }
        }

        synchronized void send(String id, String event, String data) {
            if (closed) {
                return;
            }
            if (client.terminated()) {
                close();
                return;
            }
            if (id == null) {
                client.sendEvent(event, data);
            } else {
                client.sendEvent(event, data, id);
            }
            metrics.eventSent(kind);
        }

        private synchronized void heartbeat() {
            if (closed) {
                return;
            }
            if (client.terminated()) {
                close();
                return;
            }
            client.sendComment("keep-alive");
            heartbeats.schedule(this::heartbeat, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        }

        void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            metrics.streamClosed(kind);
            onClose.run();
            for (JetStreamSubscription s : subscriptions) {
                try {
                    dispatcher.unsubscribe(s);
                } catch (RuntimeException e) {
                    // the connection may be closing already
                }
            }
            nats.closeDispatcher(dispatcher);
            client.close();
        }
    }
}
