package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a dashboard could first see an offer's proposal: a sample of offers is watched in
 * {@code match_events} every few milliseconds, and the delay from publishing the offer to its
 * first proposal's row is recorded.
 */
final class PostgisProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgisProbe.class);
    private static final long POLL_MS = 20;

    private record Sample(long postedAt, Latencies into) {}

    private final PostgisConnection db;
    private final Map<String, Sample> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    PostgisProbe(PostgisConnection db) {
        this.db = db;
        this.thread = new Thread(this::poll, "pangan-bench-postgis-probe");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(String offerId, long postedAt, Latencies into) {
        pending.put(offerId, new Sample(postedAt, into));
    }

    private void poll() {
        try (Connection c = db.open();
             PreparedStatement q = c.prepareStatement("select distinct offer_id from match_events where type = 'offer.proposed' and offer_id = any(?)")) {
            while (running) {
                if (!pending.isEmpty()) {
                    Array ids = c.createArrayOf("text", pending.keySet().toArray());
                    q.setArray(1, ids);
                    Set<String> found = new HashSet<>();
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            found.add(r.getString(1));
                        }
                    }
                    long now = System.currentTimeMillis();
                    for (String id : found) {
                        Sample s = pending.remove(id);
                        if (s != null) {
                            s.into.add(now - s.postedAt);
                        }
                    }
                }
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("the PostGIS probe stopped: {}", e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
