package id.pahlawanpangan.chaos;

import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.workload.LiveLoad;
import io.nats.client.Connection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The publishers during a chaos run, on a thread of their own: offers at a fixed rate whatever
 * the job does (open loop), one NGO republishing its snapshot every second, and the NGOs'
 * answers when due. Each event is dated when it is published, as a real app dates it.
 *
 * <p>An app whose server is unreachable cannot post: while the connection is not up, nothing is
 * published (and counted as skipped) rather than buffered by the client and sent later under an
 * old date. The check reads what the streams hold, so a publish whose acknowledgement was lost
 * but which the server stored is no discrepancy.
 */
final class ChaosLoad implements AutoCloseable {
    private final Connection nats;
    private final LiveLoad load;
    private final OfferWatch watch;
    private final double offersPerSecond;
    private final AtomicLong skipped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    ChaosLoad(Connection nats, Subjects subjects, OfferWatch watch, double offersPerSecond, int ngos, long seed) throws Exception {
        this.nats = nats;
        this.load = new LiveLoad(nats.jetStream(), subjects, ngos, seed);
        this.watch = watch;
        this.offersPerSecond = offersPerSecond;
        this.thread = new Thread(this::run, "chaos-load");
    }

    void start() {
        load.publishAllNgos();
        load.collectAcknowledgements(true);
        thread.start();
    }

    private void run() {
        long start = System.currentTimeMillis();
        long offers = 0;
        long nextSnapshot = start + 1000;
        while (running) {
            long now = System.currentTimeMillis();
            boolean up = nats.getStatus() == Connection.Status.CONNECTED;
            long due = (long) ((now - start) * offersPerSecond / 1000.0);
            for (; offers < due; offers++) {
                if (up) {
                    LiveLoad.PostedOffer offer = load.postOffer();
                    watch.posted(offer.offerId, offer.publishedAt);
                } else {
                    skipped.incrementAndGet();
                }
            }
            if (now >= nextSnapshot) {
                if (up) {
                    load.republishOneNgo();
                }
                nextSnapshot += 1000;
            }
            OfferWatch.Answer answer;
            while ((answer = watch.nextAnswerDue(now)) != null) {
                if (up) {
                    load.answer(answer.offerId(), answer.ngoId(), answer.accept());
                } else {
                    skipped.incrementAndGet();
                }
            }
            load.collectAcknowledgements(false);
            LockSupport.parkNanos(5_000_000);
        }
    }

    long published() {
        return load.published();
    }

    /** Publishes not acknowledged (the server went away meanwhile; it may still have stored them). */
    long unacknowledged() {
        return load.failed();
    }

    /** Not published because the server was unreachable. */
    long skipped() {
        return skipped.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        try {
            load.collectAcknowledgements(true);
        } catch (RuntimeException e) {
            // counted as failed by the load; the check reads the streams
        }
    }
}
