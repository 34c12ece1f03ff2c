package id.pahlawanpangan.workload;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the live job through NATS as a day of Indonesia would, faster: providers post offers and
 * cancel some, NGOs publish their availability, and the simulator plays the NGOs, answering the
 * proposals the job sends them (accepting, declining or staying silent, after a while) and
 * reporting pickups. Events are dated by the wall clock when they are published, as a real app
 * dates them (contract v1.1: the job rejects an event dated more than a minute ahead of its
 * arrival, and counts one that arrives late); the day is compressed instead: every duration of
 * the publishers' behaviour (answer times, pickups, shelf lives, the offer rate) runs {@code
 * speed} times faster than in life, so the job should run with its own durations divided alike
 * ({@link #jobSettings}).
 */
public final class LiveSimulator {
    /** What to simulate. */
    public static final class Settings {
        public Duration duration = Duration.ofSeconds(90);
        /** Simulated seconds per wall-clock second. */
        public double speed = 30;
        public double offersPerSimulatedHour = 2_000;
        public int ngos = 300;
        public long seed = 42;
        public double badInputRate = 0.005;
        public Subjects subjects = new Subjects(Subjects.DEFAULT_NAMESPACE);
        /**
         * The apps that send through the HTTP gateway: the events of the providers and NGOs it
         * {@linkplain GatewayPublisher#serves serves} go there, the others straight to NATS. Null: all to NATS.
         */
        public GatewayPublisher gateway;
    }

    /** What the simulator saw. */
    public static final class Report {
        public final Map<String, Long> published = new java.util.TreeMap<>();
        public final Map<OutputType, Long> received = new EnumMap<>(OutputType.class);
        public final List<Long> proposalLatenciesMs = new ArrayList<>();

        long count(OutputType type) {
            return received.getOrDefault(type, 0L);
        }

        public long percentileMs(double p) {
            if (proposalLatenciesMs.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(proposalLatenciesMs);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            published.forEach((k, v) -> b.append(String.format("published %-28s %8d%n", k, v)));
            received.forEach((k, v) -> b.append(String.format("received  %-28s %8d%n", k.wireName(), v)));
            b.append(String.format("offer published -> first proposal received: p50 %d ms, p95 %d ms, p99 %d ms (%d offers)%n",
                    percentileMs(0.50), percentileMs(0.95), percentileMs(0.99), proposalLatenciesMs.size()));
            return b.toString();
        }
    }

    private final Settings settings;
    private final Random random;
    private final Map<String, GeneratedNgo> ngos = new LinkedHashMap<>(); // in the order they were made
    private final Map<String, Long> offerPublishedAt = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<MatchEvent> inbox = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Scheduled> outbox = new PriorityQueue<>();
    private final Report report = new Report();
    private final AtomicLong sequence = new AtomicLong();
    private long wallStart;

    public LiveSimulator(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed);
        for (int i = 0; i < settings.ngos; i++) {
            GeneratedNgo ngo = GeneratedNgo.create(i, random);
            ngos.put(ngo.id, ngo);
        }
    }

    /** The NGOs this simulator plays, in the order they were made. */
    public List<String> ngoIds() {
        return List.copyOf(ngos.keySet());
    }

    /** Every provider that may post offers in the simulated day. */
    public static List<String> providerIds() {
        return OfferFactory.providerIds();
    }

    /**
     * A deterministic {@code share} of these publishers, spread over them by a hash of their ids
     * (not the first ones, which would be one city's): whose events go through the gateway.
     */
    public static List<String> share(List<String> ids, double share) {
        List<String> byHash = new ArrayList<>(ids);
        byHash.sort(java.util.Comparator.comparingInt((String id) -> mix(id.hashCode())).thenComparing(id -> id));
        return List.copyOf(byHash.subList(0, (int) Math.round(Math.max(0, Math.min(1, share)) * ids.size())));
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    public Report run(NatsConnection natsConnection) throws Exception {
        try (Connection nats = natsConnection.connect("pangan-simulator")) {
            Publisher direct = new NatsPublisher(nats.jetStream(), settings.subjects);
            Dispatcher listener = nats.createDispatcher(m -> inbox.add(MatchEventJson.read(new String(m.getData(), StandardCharsets.UTF_8))));
            listener.subscribe(settings.subjects.outputs() + ".>");
            wallStart = System.currentTimeMillis();
            String runToken = "sim" + Long.toString(wallStart / 1000, 36);
            for (String ngo : ngoIds()) {
                schedule(wallStart, ngos.get(ngo).snapshot(0, true));
            }
            OfferFactory factory = new OfferFactory(random, 0);
            long wallEnd = wallStart + settings.duration.toMillis();
            double offersPerWallMs = settings.offersPerSimulatedHour * settings.speed / 3_600_000.0;
            long nextOffer = wallStart + (long) exponential(1 / offersPerWallMs);
            int offerIndex = 0;
            while (System.currentTimeMillis() < wallEnd) {
                long now = System.currentTimeMillis();
                while (nextOffer <= now) {
                    InputEvent offer = factory.create(offerIndex++);
                    offer.offerId = runToken + "-" + offer.offerId; // a second run posts new offers, not repeats
                    schedule(nextOffer, offer);
                    if (random.nextDouble() < 0.03) {
                        InputEvent cancel = new InputEvent();
                        cancel.type = InputType.OFFER_CANCELLED;
                        cancel.offerId = offer.offerId;
                        cancel.providerId = offer.providerId;
                        schedule(nextOffer + (long) (random.nextDouble() * 20 * 60_000 / settings.speed), cancel);
                    }
                    nextOffer += (long) exponential(1 / offersPerWallMs) + 1;
                }
                MatchEvent decision;
                while ((decision = inbox.poll()) != null) {
                    answer(decision, now);
                }
                while (!outbox.isEmpty() && outbox.peek().wallTime <= now) {
                    publish(direct, outbox.poll().event, now);
                }
                Thread.sleep(5);
            }
            Thread.sleep(1_000); // the last answers
            MatchEvent decision;
            while ((decision = inbox.poll()) != null) {
                count(decision);
            }
            listener.unsubscribe(settings.subjects.outputs() + ".>");
        }
        return report;
    }

    private void answer(MatchEvent decision, long now) {
        count(decision);
        GeneratedNgo ngo = decision.ngoId == null ? null : ngos.get(decision.ngoId);
        if (ngo == null) {
            return;
        }
        if (decision.type == OutputType.OFFER_PROPOSED) {
            if (decision.attempt != null && decision.attempt == 1) {
                Long published = offerPublishedAt.get(decision.offerId);
                if (published != null) {
                    report.proposalLatenciesMs.add(now - published);
                }
            }
            double r = random.nextDouble();
            long delay = wallDelay(ngo.answerMinutes * 60_000 * Math.exp(random.nextGaussian() * 0.8));
            if (r < ngo.acceptChance) {
                schedule(now + delay, claim(InputType.CLAIM_ACCEPTED, decision));
            } else if (r < ngo.acceptChance + ngo.declineChance) {
                schedule(now + delay, claim(InputType.CLAIM_DECLINED, decision));
            }
        } else if (decision.type == OutputType.OFFER_CLAIMED) {
            if (random.nextDouble() < 0.85) {
                InputEvent pickup = claim(InputType.PICKUP_COMPLETED, decision);
                pickup.pickedKg = Math.round(decision.quantityKg * (0.8 + random.nextDouble() * 0.2) * 10) / 10.0;
                schedule(now + wallDelay((15 + random.nextDouble() * 75) * 60_000), pickup);
            }
        } else if (decision.type == OutputType.OFFER_COMPLETED && random.nextDouble() < 0.7) {
            ngo.capacityKg = Math.max(0, ngo.capacityKg - decision.pickedKg);
            schedule(now + wallDelay(2 * 60_000), ngo.snapshot(0, true));
        }
    }

    private void count(MatchEvent decision) {
        report.received.merge(decision.type, 1L, Long::sum);
    }

    private InputEvent claim(InputType type, MatchEvent decision) {
        InputEvent e = new InputEvent();
        e.type = type;
        e.offerId = decision.offerId;
        e.ngoId = decision.ngoId;
        return e;
    }

    private void publish(Publisher direct, InputEvent e, long now) throws Exception {
        if (e.type == InputType.OFFER_POSTED) {
            long shelf = e.expiresAt - e.readyAt;
            long readyIn = e.readyAt - e.eventTime;
            e.eventTime = now;
            e.readyAt = now + Math.round(readyIn / settings.speed);
            e.expiresAt = e.readyAt + wallDelay(shelf);
            offerPublishedAt.put(e.offerId, now);
        } else {
            e.eventTime = now;
        }
        String publisher = e.type.stream() == id.pahlawanpangan.events.SourceStream.OFFERS ? e.providerId : e.ngoId;
        String payload = InputEventJson.write(e);
        boolean bad = random.nextDouble() < settings.badInputRate;
        if (bad) {
            payload = new BadInput(random).near(e);
        }
        boolean http = settings.gateway != null && settings.gateway.serves(publisher);
        report.published.merge((bad ? "bad input" : e.type.wireName()) + (http ? " (HTTP)" : ""), 1L, Long::sum);
        (http ? settings.gateway : direct).publish(e, publisher, payload, bad);
    }

    /**
     * The job's durations compressed as the simulated day is: claim window, escalation before
     * expiry, and how long closed offers are remembered, each divided by the speed.
     */
    public static Map<String, String> jobSettings(double speed) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("match.claim-window", Math.max(1, Math.round(600_000 / speed)) + " ms");
        s.put("match.escalate-before-expiry", Math.max(1, Math.round(1_800_000 / speed)) + " ms");
        s.put("match.closed-retention", Math.max(1, Math.round(86_400_000 / speed)) + " ms");
        return s;
    }

    private void schedule(long wallTime, InputEvent e) {
        outbox.add(new Scheduled(wallTime, sequence.getAndIncrement(), e));
    }

    private long wallDelay(double simulatedMs) {
        return Math.max(1, (long) (simulatedMs / settings.speed));
    }

    private double exponential(double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }

    private static final class Scheduled implements Comparable<Scheduled> {
        final long wallTime;
        final long order;
        final InputEvent event;

        Scheduled(long wallTime, long order, InputEvent event) {
            this.wallTime = wallTime;
            this.order = order;
            this.event = event;
        }

        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(wallTime, o.wallTime);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
