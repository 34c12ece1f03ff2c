package id.pahlawanpangan.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The gateway benchmark's results: a table per rate, the target's verdict, the streams' check; and its section of docs/BENCHMARKS.md. */
public final class GatewayBenchReport {
    static final String START = "<!-- bench-gateway: written by `bin/pangan bench-gateway --doc docs/BENCHMARKS.md`; edit outside these markers -->";
    static final String END = "<!-- bench-gateway: end -->";

    private final GatewayBenchmark.Settings settings;
    private final GatewayBenchmark.Result result;

    public GatewayBenchReport(GatewayBenchmark.Settings settings, GatewayBenchmark.Result result) {
        this.settings = settings;
        this.result = result;
    }

    /** The table, the verdict and the streams' check, as printed. */
    public String results() {
        StringBuilder b = new StringBuilder();
        b.append(table(result.phases)).append('\n');
        if (result.warmUp != null) {
            b.append(warmUp(result.warmUp)).append("\n\n");
        }
        b.append(verdict(result.phases)).append("\n\n");
        b.append("JetStream's counts of the input streams against the 2xx answers (warm-up included):\n\n");
        for (String line : result.streamCheck) {
            b.append("- ").append(line).append('\n');
        }
        return b.toString();
    }

    public void write(Path doc) throws IOException {
        new DocSection(START, END).write(doc, section(Instant.now(), Machine.describe() + ", nats-server " + LiveBenchDocument.natsServerVersion()));
    }

    String section(Instant at, String machine) {
        StringBuilder b = new StringBuilder();
        b.append("## HTTP gateway: `bin/pangan bench-gateway`\n\n");
        b.append("Written by `bin/pangan bench-gateway --doc docs/BENCHMARKS.md` on ").append(at.truncatedTo(ChronoUnit.SECONDS))
                .append("; every figure below is from that run.\n\n");
        b.append("Machine: ").append(machine).append(".\n\n");
        b.append("What runs: the gateway alone (`bin/pangan-gateway serve`, its own JVM) on a JetStream namespace of its own with the"
                + " product's streams and no job reading them, and on the same machine, beside it and nats-server, an open-loop load"
                + " generator (one thread, non-blocking HTTP/1.1 on keep-alive connections, at most ").append(settings.maxInFlight)
                .append(" connections with a request each) with ").append(settings.providers).append(" provider keys, ").append(settings.ngos)
                .append(" NGO keys and a dispatcher's. Of every 10 requests 7 are `POST /v1/offers` (offers around Indonesian cities, each"
                        + " with its own offer id), 2 `PUT /v1/ngos/{id}/availability` and 1 `POST /v1/offers/{id}/claim` (a recent offer),"
                        + " each with the key of the client it names; every other offer and every other claim carries an `Idempotency-Key`,"
                        + " and every ").append(GatewayMix.REPEAT_EVERY).append("th offer request is a retry of the keyed offer before it."
                        + " Each rate runs ").append(settings.phase.toSeconds()).append(" s, after a ").append(settings.warmUp.toSeconds())
                .append(" s warm-up at the lowest rate that is not counted.\n\n");
        b.append("Measured: latency from each request's place in the schedule (not from when it went out: no coordinated omission) to"
                + " its complete response; *achieved*, answers per second over the phase (up to its last answer when that came later);"
                + " CPU of each process from `/proc` (the gateway's process and those under it; the load generator's whole JVM), in"
                + " cores, over the phase and its last answers; *behind*, how late the generator sent a request at most, which says"
                + " whether the client itself kept up.\n\n");
        b.append(results());
        return b.toString();
    }

    static String table(List<GatewayPhase> phases) {
        StringBuilder b = new StringBuilder();
        b.append("| offered req/s | requests | achieved req/s | 2xx | not 2xx | latency ms p50 / p90 / p99 / max | gateway cores"
                + " | load generator cores | nats-server cores | generator behind ms | ≥ ").append(String.format(Locale.ROOT, "%,d", GatewayPhase.TARGET_RATE))
                .append(" req/s, p99 ≤ ").append(GatewayPhase.TARGET_P99_MS).append(" ms |\n");
        b.append("|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---|\n");
        for (GatewayPhase p : phases) {
            String misses = p.missesTarget();
            b.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %d | %s | %s | %.2f | %.2f | %.2f | %.1f | %s |%n",
                    p.offeredPerSecond, p.sent(), p.achievedPerSecond(), p.ok(), notOk(p), latencies(p),
                    p.cores(p.gatewayCpu), p.cores(p.clientCpu), p.cores(p.natsCpu), p.behindMaxMs(),
                    misses == null ? "yes" : "no: " + misses));
        }
        return b.toString();
    }

    /** The warm-up in a line: a gateway still compiling its code shows there (and in the first rate's figures if it took longer). */
    static String warmUp(GatewayPhase w) {
        return String.format(Locale.ROOT, "Warm-up (not counted): %d requests at %d/s, %d not 2xx, latency ms p50 / p90 / p99 / max %s,"
                + " gateway %.2f cores, load generator %.2f cores.", w.sent(), w.offeredPerSecond, w.notOkCount() + w.unanswered(), latencies(w),
                w.cores(w.gatewayCpu), w.cores(w.clientCpu));
    }

    /** "0", or the count and what they were, e.g. "12 (503 nats_unavailable: 10, timeout: 2)". */
    static String notOk(GatewayPhase p) {
        Map<String, Long> byStatus = p.notOk();
        long unanswered = p.unanswered();
        String what = byStatus.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        if (unanswered > 0) {
            what = (what.isEmpty() ? "" : what + ", ") + "unanswered: " + unanswered;
        }
        long count = p.notOkCount() + unanswered;
        return count == 0 ? "0" : count + " (" + what + ")";
    }

    static String latencies(GatewayPhase p) {
        if (p.latencies.count() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f", p.percentileMs(0.50), p.percentileMs(0.90), p.percentileMs(0.99),
                p.percentileMs(1.0));
    }

    /** The target's verdict: met at the rates that met it, else why not at each rate of at least the target's. */
    static String verdict(List<GatewayPhase> phases) {
        String target = String.format(Locale.ROOT, "Target, the gateway alone: at least %,d requests/s with p99 ≤ %d ms (and at most %.1f %% not 2xx): ",
                GatewayPhase.TARGET_RATE, GatewayPhase.TARGET_P99_MS, GatewayPhase.TARGET_MAX_FAILED * 100);
        List<String> met = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (GatewayPhase p : phases) {
            String why = p.missesTarget();
            if (why == null) {
                met.add(p.name);
            } else if (p.offeredPerSecond >= GatewayPhase.TARGET_RATE) {
                missed.add(p.name + " (" + why + ")");
            }
        }
        if (!met.isEmpty()) {
            return target + "**met** at " + String.join(", ", met) + (missed.isEmpty() ? "" : "; missed at " + String.join(", ", missed)) + ".";
        }
        if (missed.isEmpty()) {
            return target + "not measured (no rate of at least " + GatewayPhase.TARGET_RATE + "/s).";
        }
        return target + "**missed**: " + String.join(", ", missed) + ".";
    }
}
