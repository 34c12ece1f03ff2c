package id.pahlawanpangan.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The apps of the providers and NGOs that hold a gateway key: each event as the HTTP request its
 * app makes (the route of its type, {@code Authorization: Bearer} its publisher's key, an
 * {@code Idempotency-Key} of its own), sent asynchronously so that the simulator keeps its pace.
 * Every answer is counted by status; a refusal counts as expected only for the deliberately bad
 * input, with a client error (4xx) status.
 */
public final class GatewayPublisher implements Publisher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 5;

    /** What the gateway answered. */
    public static final class Report {
        /** Answers by HTTP status (0: no answer: the request failed or timed out). */
        public final Map<Integer, Long> byStatus = new TreeMap<>();
        /** The bad input's refusals, by status and reason. */
        public final Map<String, Long> expectedRefusals = new TreeMap<>();
        public long unexpected;
        /** A few of the unexpected answers, as "request -> status reason". */
        public final List<String> unexpectedSamples = new ArrayList<>();
        /** Offers the gateway accepted (202), good ones only. */
        public int acceptedOffers;

        public long requests() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("gateway: %d requests over HTTP, by status:", requests()));
            byStatus.forEach((status, n) -> b.append(String.format(" %s %d;", status == 0 ? "no answer" : status, n)));
            b.setLength(b.length() - 1);
            b.append(System.lineSeparator());
            if (!expectedRefusals.isEmpty()) {
                b.append("gateway: refusals of the simulator's deliberately bad input (expected):");
                expectedRefusals.forEach((reason, n) -> b.append(' ').append(reason).append(' ').append(n).append(';'));
                b.setLength(b.length() - 1);
                b.append(System.lineSeparator());
            }
            b.append(String.format("gateway: %d offers accepted; %d unexpected answers%s%n", acceptedOffers, unexpected,
                    unexpectedSamples.isEmpty() ? "" : ", e.g. " + String.join("; ", unexpectedSamples)));
            return b.toString();
        }
    }

    private final HttpClient http;
    private final URI base;
    private final Map<String, String> keys;
    private final String idempotencyPrefix;
    private final AtomicLong sent = new AtomicLong();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> acceptedOffers = ConcurrentHashMap.newKeySet();
    private final Report report = new Report();

    /**
     * @param base the gateway, e.g. {@code http://127.0.0.1:8088}
     * @param keys each provider's and NGO's key, by its id: whose events go through the gateway
     */
    public GatewayPublisher(URI base, Map<String, String> keys) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
        this.keys = Map.copyOf(keys);
        this.idempotencyPrefix = "sim-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    }

    /** Whether this publisher's events go through the gateway (it has a key). */
    public boolean serves(String publisherId) {
        return keys.containsKey(publisherId);
    }

    @Override
    public void publish(InputEvent event, String publisherId, String payload, boolean bad) {
        String key = keys.get(publisherId);
        if (key == null) {
            throw new IllegalArgumentException(publisherId + " has no gateway key");
        }
        String method = event.type == InputType.NGO_AVAILABILITY ? "PUT" : "POST";
        String path = path(event);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyPrefix + sent.incrementAndGet())
                .method(method, HttpRequest.BodyPublishers.ofString(payload))
                .build();
        CompletableFuture<?> counted = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : 0;
            String reason = failure == null ? reason(response.body()) : failure.getClass().getSimpleName();
            count(method + " " + path, event, bad, status, reason);
        });
        inFlight.add(counted);
        counted.whenComplete((r, f) -> inFlight.remove(counted));
    }

    private static String path(InputEvent e) {
        switch (e.type) {
            case OFFER_POSTED:
                return "/v1/offers";
            case OFFER_CANCELLED:
                return "/v1/offers/" + e.offerId + "/cancel";
            case NGO_AVAILABILITY:
                return "/v1/ngos/" + e.ngoId + "/availability";
            case CLAIM_ACCEPTED:
                return "/v1/offers/" + e.offerId + "/claim";
            case CLAIM_DECLINED:
                return "/v1/offers/" + e.offerId + "/decline";
            case PICKUP_COMPLETED:
                return "/v1/offers/" + e.offerId + "/pickup";
            default:
                throw new IllegalArgumentException("no gateway route for " + e.type);
        }
    }

    private synchronized void count(String request, InputEvent event, boolean bad, int status, String reason) {
        report.byStatus.merge(status, 1L, Long::sum);
        boolean ok = status >= 200 && status < 300;
        if (ok) {
            if (!bad && event.type == InputType.OFFER_POSTED) {
                acceptedOffers.add(event.offerId);
            }
        } else if (bad && status >= 400 && status < 500) {
            report.expectedRefusals.merge(status + " " + reason, 1L, Long::sum);
        } else {
            report.unexpected++;
            if (report.unexpectedSamples.size() < SAMPLES) {
                report.unexpectedSamples.add(request + (bad ? " (bad input)" : "") + " -> " + (status == 0 ? "no answer" : status) + " " + reason);
            }
        }
    }

    private static String reason(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.hasNonNull("error") ? n.get("error").asText() : "";
        } catch (Exception e) {
            return "";
        }
    }

    /** The offers the gateway accepted (202) so far. */
    public Set<String> acceptedOffers() {
        return Collections.unmodifiableSet(acceptedOffers);
    }

    /** Waits (at most {@code timeout}) for the answers still outstanding, then reports them all. */
    public Report finish(Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] outstanding = inFlight.toArray(new CompletableFuture<?>[0]);
        try {
            CompletableFuture.allOf(outstanding).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // counted below as no answer
        } catch (java.util.concurrent.ExecutionException e) {
            // a failed request is counted by its own callback
        }
        synchronized (this) {
            long unanswered = inFlight.stream().filter(f -> !f.isDone()).count();
            if (unanswered > 0) {
                report.byStatus.merge(0, unanswered, Long::sum);
                report.unexpected += unanswered;
                report.unexpectedSamples.add(unanswered + " requests unanswered after " + timeout.toSeconds() + " s");
            }
            report.acceptedOffers = acceptedOffers.size();
            return report;
        }
    }
}
