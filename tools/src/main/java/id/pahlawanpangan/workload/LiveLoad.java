package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Providers and NGOs as a load: offers of Indonesian cities, NGO snapshots and claims, each dated
 * by the wall clock at the moment it is published (as a real app dates it) and published
 * asynchronously, so that one thread can offer thousands of messages a second without waiting
 * for each acknowledgement. Every acknowledgement is still collected and checked.
 */
public final class LiveLoad {
    /** An offer as published: when, and whose. */
    public static final class PostedOffer {
        public final String offerId;
        public final long publishedAt;

        PostedOffer(String offerId, long publishedAt) {
            this.offerId = offerId;
            this.publishedAt = publishedAt;
        }
    }

    private final JetStream js;
    private final Subjects subjects;
    private final String runToken;
    private final Random random;
    private final OfferFactory offers;
    private final List<GeneratedNgo> ngos = new ArrayList<>();
    private final ConcurrentLinkedQueue<CompletableFuture<PublishAck>> unacknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private int nextOffer;
    /** How long offers keep from their posting; null: as long as the food would (hours). */
    private Duration shelfLife;

    public LiveLoad(JetStream js, Subjects subjects, int ngoCount, long seed) {
        this.js = js;
        this.subjects = subjects;
        this.random = new Random(seed);
        this.runToken = "load" + Long.toString(System.currentTimeMillis() / 1000, 36);
        this.offers = new OfferFactory(random, 0);
        for (int i = 0; i < ngoCount; i++) {
            ngos.add(GeneratedNgo.create(i, random));
        }
    }

    /** Every NGO's snapshot, now. */
    public void publishAllNgos() {
        for (GeneratedNgo ngo : ngos) {
            publish(ngo.snapshot(System.currentTimeMillis(), true));
        }
    }

    /** One NGO, chosen at random, republishes its snapshot now. */
    public void republishOneNgo() {
        publish(ngos.get(random.nextInt(ngos.size())).snapshot(System.currentTimeMillis(), true));
    }

    /**
     * Offers posted from now on keep this long instead of the hours real food keeps, so that a
     * run sees them close (expire, if nobody picks them up) while it lasts.
     */
    public void keepOffersFor(Duration shelfLife) {
        this.shelfLife = shelfLife;
    }

    /** The next offer, posted now, ready at once and keeping for hours (or as {@link #keepOffersFor} says). */
    public PostedOffer postOffer() {
        InputEvent e = offers.create(nextOffer++);
        long shelf = shelfLife != null ? shelfLife.toMillis() : e.expiresAt - e.readyAt;
        e.offerId = runToken + "-" + e.offerId;
        long now = System.currentTimeMillis();
        e.eventTime = now;
        e.readyAt = now;
        e.expiresAt = now + shelf;
        publish(e);
        return new PostedOffer(e.offerId, now);
    }

    /** The NGO's answer to a proposal, now. */
    public void answer(String offerId, String ngoId, boolean accept) {
        InputEvent e = new InputEvent();
        e.type = accept ? InputType.CLAIM_ACCEPTED : InputType.CLAIM_DECLINED;
        e.offerId = offerId;
        e.ngoId = ngoId;
        e.eventTime = System.currentTimeMillis();
        publish(e);
    }

    /** The claiming NGO reports the offer picked up, now. */
    public void pickup(String offerId, String ngoId, double pickedKg) {
        InputEvent e = new InputEvent();
        e.type = InputType.PICKUP_COMPLETED;
        e.offerId = offerId;
        e.ngoId = ngoId;
        e.pickedKg = pickedKg;
        e.eventTime = System.currentTimeMillis();
        publish(e);
    }

    private void publish(InputEvent e) {
        String publisher = e.type.stream() == SourceStream.OFFERS ? e.providerId : e.ngoId;
        byte[] payload = InputEventJson.write(e).getBytes(StandardCharsets.UTF_8);
        unacknowledged.add(js.publishAsync(subjects.input(e.type.stream(), publisher), payload));
        published.incrementAndGet();
        collectAcknowledgements(false);
    }

    /** Checks the acknowledgements that have come (all of them, waiting, when {@code wait}). */
    public void collectAcknowledgements(boolean wait) {
        CompletableFuture<PublishAck> f;
        while ((f = unacknowledged.peek()) != null && (wait || f.isDone())) {
            unacknowledged.poll();
            try {
                f.join();
            } catch (RuntimeException ex) {
                failed.incrementAndGet();
            }
        }
    }

    public long published() {
        return published.get();
    }

    /** Publishes JetStream did not acknowledge. */
    public long failed() {
        return failed.get();
    }
}
