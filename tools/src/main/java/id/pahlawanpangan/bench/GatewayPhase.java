package id.pahlawanpangan.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One offered rate of the gateway benchmark and what came of it. Each request's latency runs from
 * the moment the open loop meant to send it (its place in the schedule, not when it went out: a
 * client that falls behind cannot hide the gateway's delays, no coordinated omission) to its
 * complete response.
 */
final class GatewayPhase {
    /** The target: at least this many requests a second... */
    static final int TARGET_RATE = 2_000;
    /** ... with a p99 latency at most this... */
    static final long TARGET_P99_MS = 50;
    /** ... and at most this share of requests not answered 2xx. */
    static final double TARGET_MAX_FAILED = 0.001;
    /**
     * Achieved may fall this far short of the target rate and still count: a phase's requests are
     * rate x duration, rounded down, and a gateway that keeps up answers them over about the
     * phase's duration, give or take the spread of its latencies.
     */
    static final double RATE_TOLERANCE = 0.01;

    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]{0,80})\"");
    private static final Pattern DUPLICATE = Pattern.compile("\"duplicate\"\\s*:\\s*true");

    final String name;
    final int offeredPerSecond;
    final Duration duration;
    /** Latencies in microseconds. */
    final Latencies latencies = new Latencies();

    private final Map<String, Long> notOk = new TreeMap<>();
    private final Map<GatewayMix.Kind, Long> okByKind = new EnumMap<>(GatewayMix.Kind.class);
    private final Map<GatewayMix.Kind, Long> duplicatesByKind = new EnumMap<>(GatewayMix.Kind.class);
    private long sent;
    private long answered;
    private long ok;
    private long repeatsOk;
    private long startNanos;
    private long firstAnswerNanos = Long.MAX_VALUE;
    private long lastAnswerNanos;
    private long behindMaxNanos;

    /** Requests sent and not answered (none once {@link GatewayLoad#run} has returned). */
    synchronized long unanswered() {
        return Math.max(0, sent - answered);
    }

    /** Seconds the phase's CPU times were measured over (its requests, and their answers). */
    double seconds;
    /** CPU seconds over {@link #seconds}: the gateway's process, this load generator's JVM, nats-server. */
    double gatewayCpu;
    double clientCpu;
    double natsCpu;

    GatewayPhase(String name, int offeredPerSecond, Duration duration) {
        this.name = name;
        this.offeredPerSecond = offeredPerSecond;
        this.duration = duration;
    }

    /** Requests this phase sends: its rate for its duration. */
    long requests() {
        return duration.toMillis() * offeredPerSecond / 1000;
    }

    /** The schedule's place of request {@code i}, in System.nanoTime terms, once {@link #startAt} has been called. */
    synchronized long due(long i) {
        return startNanos + (long) (i * 1e9 / offeredPerSecond);
    }

    synchronized void startAt(long nanos) {
        startNanos = nanos;
        lastAnswerNanos = nanos;
    }

    /** A request due at {@code dueNanos} went out at {@code sentNanos}. */
    synchronized void sent(long dueNanos, long sentNanos) {
        sent++;
        behindMaxNanos = Math.max(behindMaxNanos, sentNanos - dueNanos);
    }

    /** A complete response. */
    synchronized void answered(GatewayMix.Request request, long dueNanos, long doneNanos, int status, String body) {
        answer(dueNanos, doneNanos);
        if (status >= 200 && status < 300) {
            ok++;
            okByKind.merge(request.kind(), 1L, Long::sum);
            if (request.repeat()) {
                repeatsOk++;
            }
            if (body != null && DUPLICATE.matcher(body).find()) {
                duplicatesByKind.merge(request.kind(), 1L, Long::sum);
            }
        } else {
            Matcher m = body == null ? null : ERROR.matcher(body);
            notOk.merge(status + (m != null && m.find() ? " " + m.group(1) : ""), 1L, Long::sum);
        }
    }

    /** No response, for the reason given ("timeout", "no connection", "connection closed"). */
    synchronized void failed(long dueNanos, long doneNanos, String what) {
        answer(dueNanos, doneNanos);
        notOk.merge(what, 1L, Long::sum);
    }

    private void answer(long dueNanos, long doneNanos) {
        answered++;
        firstAnswerNanos = Math.min(firstAnswerNanos, doneNanos);
        lastAnswerNanos = Math.max(lastAnswerNanos, doneNanos);
        latencies.add(Math.max(0, (doneNanos - dueNanos) / 1_000));
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long answered() {
        return answered;
    }

    synchronized long ok() {
        return ok;
    }

    synchronized long notOkCount() {
        return answered - ok;
    }

    /** Requests not answered 2xx, by status and error reason (or by failure), e.g. {@code 503 nats_unavailable}. */
    synchronized Map<String, Long> notOk() {
        return new TreeMap<>(notOk);
    }

    synchronized long ok(GatewayMix.Kind kind) {
        return okByKind.getOrDefault(kind, 0L);
    }

    /** 2xx answers that said {@code "duplicate":true}: no new message. */
    synchronized long duplicates(GatewayMix.Kind kind) {
        return duplicatesByKind.getOrDefault(kind, 0L);
    }

    synchronized long duplicates() {
        return duplicatesByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Retries of keyed offers answered 2xx: each should have been a duplicate. */
    synchronized long repeatsOk() {
        return repeatsOk;
    }

    /** How far behind its schedule the load generator sent a request, at most, ms. */
    synchronized double behindMaxMs() {
        return behindMaxNanos / 1e6;
    }

    /**
     * Answers per second: over the phase's duration or, when its answers took longer to come (from
     * the first to the last), over that. A gateway that keeps up achieves what is offered, however
     * long each answer takes; one that cannot answers at its own pace, and its answers spread.
     */
    synchronized double achievedPerSecond() {
        double window = Math.max(duration.toNanos(), answered == 0 ? 0 : lastAnswerNanos - firstAnswerNanos) / 1e9;
        return window <= 0 ? 0 : answered / window;
    }

    /** A latency percentile in ms (0 < p ≤ 1), or -1 without answers. */
    double percentileMs(double p) {
        long micros = latencies.percentile(p);
        return micros < 0 ? -1 : micros / 1000.0;
    }

    double cores(double cpuSeconds) {
        return seconds <= 0 ? 0 : cpuSeconds / seconds;
    }

    /** Null when this phase meets the target, else why not. */
    synchronized String missesTarget() {
        if (offeredPerSecond < TARGET_RATE) {
            return "offered below " + TARGET_RATE + "/s";
        }
        StringBuilder why = new StringBuilder();
        double achieved = achievedPerSecond();
        if (achieved < TARGET_RATE * (1 - RATE_TOLERANCE)) {
            why.append(String.format("achieved %.0f/s", achieved));
        }
        double p99 = percentileMs(0.99);
        if (p99 < 0 || p99 > TARGET_P99_MS) {
            why.append(why.length() > 0 ? ", " : "").append(String.format("p99 %.1f ms", p99));
        }
        long failed = answered - ok + unanswered();
        if (answered == 0 || failed > TARGET_MAX_FAILED * Math.max(answered, sent)) {
            why.append(why.length() > 0 ? ", " : "").append(failed).append(" not 2xx");
        }
        return why.length() == 0 ? null : why.toString();
    }
}
