package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

/** What pgbench and redis-benchmark print, read into the peers' rows (outputs as printed here). */
class PeerToolOutputTest {
    private static final String PGBENCH = """
            pgbench (15.20 (Debian 15.20-0+deb12u1))
            transaction type: /tmp/pangan-knn.sql
            scaling factor: 1
            query mode: prepared
            number of clients: 2
            number of threads: 2
            maximum number of tries: 1
            duration: 30 s
            number of transactions actually processed: 31098
            number of failed transactions: 0 (0.000%)
            latency average = 0.064 ms
            initial connection time = 9.568 ms
            tps = 31299.002192 (without initial connection time)
            """;

    @Test
    void pgbenchsTransactionsRateAndLatency() {
        LookupRate rate = PostgisKnnPeer.fromPgbench(PGBENCH);
        assertThat(rate.lookups()).isEqualTo(31098);
        assertThat(rate.perSecond()).isEqualTo(31299.002192);
        assertThat(rate.meanMs()).isEqualTo(0.064);
        assertThat(rate.seconds()).isCloseTo(0.9936, offset(1e-4));
    }

    @Test
    void pgbenchWithFailedLookupsIsRefused() {
        assertThatThrownBy(() -> PostgisKnnPeer.fromPgbench(PGBENCH.replace("failed transactions: 0 (0.000%)", "failed transactions: 12 (0.040%)")))
                .hasMessageContaining("12 lookups failed");
    }

    @Test
    void redisBenchmarksCsvRow() {
        String csv = """
                "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                "EVALSHA 0123abcd 4 pangan-bench:{candidates}:ngos __rand_int__ 30.000 50","7968.13","0.115","0.024","0.071","0.159","1.887","4.471"
                """;
        LookupRate rate = RedisGeoPeer.fromRedisBenchmark(csv, 2000);
        assertThat(rate.lookups()).isEqualTo(2000);
        assertThat(rate.perSecond()).isEqualTo(7968.13);
        assertThat(rate.meanMs()).isEqualTo(0.115);
    }

    @Test
    void redisBenchmarkWithErrorsOrWithoutARowIsRefused() {
        assertThatThrownBy(() -> RedisGeoPeer.fromRedisBenchmark("Error from server: NOSCRIPT No matching script\n", 10))
                .hasMessageContaining("NOSCRIPT");
        assertThatThrownBy(() -> RedisGeoPeer.fromRedisBenchmark("\"test\",\"rps\"\n", 10)).hasMessageContaining("no result");
    }

    @Test
    void runsOneAfterAnotherAddUpToOneRateAndMeanLatency() {
        // 1,000 lookups in 1 s at 2 ms, then 3,000 in 1 s at 0.5 ms
        LookupRate both = new LookupRate(1000, 1000, 2.0).plus(new LookupRate(3000, 3000, 0.5));
        assertThat(both.lookups()).isEqualTo(4000);
        assertThat(both.perSecond()).isEqualTo(2000);
        assertThat(both.meanMs()).isEqualTo(0.875);
    }

    @Test
    void redisClisRepliesAreTheNgosOrAnError() {
        assertThat(RedisGeoPeer.fromRedisCli("1) \"ngo-jakarta-0001\"\n2) \"ngo-bekasi-0042\"\n")).containsExactly("ngo-jakarta-0001", "ngo-bekasi-0042");
        assertThat(RedisGeoPeer.fromRedisCli("(empty array)\n")).isEmpty();
        assertThatThrownBy(() -> RedisGeoPeer.fromRedisCli("(error) no lookup point 7\n")).hasMessageContaining("no lookup point 7");
    }
}
