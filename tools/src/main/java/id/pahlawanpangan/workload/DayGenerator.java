package id.pahlawanpangan.workload;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.core.SequentialMatcher;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.SourceStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A realistic day of input for Indonesia, as a replay file. Offers and NGOs are spread over the
 * large cities by population (Jakarta densest); NGOs come online in the morning, republish their
 * capacity after pickups and go offline at night. The NGOs' answers are simulated against the
 * sequential reference engine, so claims, declines and pickups answer real proposals, some of
 * them too late, as in life.
 */
public final class DayGenerator {
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    /** What to generate. */
    public static final class Settings {
        public LocalDate date = LocalDate.of(2026, 11, 25);
        public int offers = 20_000;
        public int ngos = 1_500;
        public long seed = 42;
        /** Share of lines that are bad input (malformed, out of range, ...). */
        public double badInputRate = 0.001;
        /**
         * Share of the offers posted in one shard cell of central Jakarta ({@link HotSpot}); 0, the
         * default, makes the same day as before there was a hot spot, line for line.
         */
        public double hotspotShare = 0;
        public MatchPolicy policy = MatchPolicy.DEFAULTS;
    }

    private final Settings settings;
    private final Random random;
    private final long dayStartUtc;
    private final PriorityQueue<InputEvent> queue = new PriorityQueue<>(SequentialMatcher.ORDER);
    private final List<InputEvent> published = new ArrayList<>();
    private final Map<String, GeneratedNgo> ngos = new HashMap<>();
    private final Map<String, InputEvent> offers = new HashMap<>();
    private final long[] nextSeq = new long[SourceStream.values().length];
    private final BadInput badInput;

    public DayGenerator(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed);
        this.dayStartUtc = settings.date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        this.badInput = new BadInput(new Random(settings.seed ^ 0x5eed));
    }

    /** The day's input lines, in time order (each stream's events in publishing order). */
    public List<String> generate() {
        planNgos();
        planOffers();
        simulate();
        return lines();
    }

    private void planNgos() {
        for (int i = 0; i < settings.ngos; i++) {
            GeneratedNgo ngo = GeneratedNgo.create(i, random);
            ngos.put(ngo.id, ngo);
            long localMidnight = dayStartUtc - ngo.city.utcOffsetHours() * HOUR;
            schedule(ngo.snapshot(localMidnight + 5 * HOUR + 30 * MINUTE + jitter(HOUR), true));
            if (random.nextDouble() < 0.3) {
                // a midday restock: more room, sometimes a wider reach
                double capacity = ngo.capacityKg * (1.2 + random.nextDouble());
                double radius = random.nextDouble() < 0.3 ? ngo.radiusKm + 2 : ngo.radiusKm;
                InputEvent s = ngo.snapshot(localMidnight + 12 * HOUR + jitter(2 * HOUR), true);
                s.capacityKg = Math.round(capacity * 10) / 10.0;
                s.radiusKm = Math.min(50, radius);
                schedule(s);
            }
            if (random.nextDouble() < 0.7) {
                schedule(ngo.snapshot(localMidnight + 22 * HOUR + jitter(90 * MINUTE), false));
            }
        }
    }

    private void planOffers() {
        HotSpot hotSpot = settings.hotspotShare == 0 ? null : new HotSpot(settings.hotspotShare, new Random(settings.seed ^ 0x1f7a5L));
        OfferFactory factory = new OfferFactory(random, dayStartUtc, hotSpot);
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < settings.offers; i++) {
            InputEvent offer = factory.create(i);
            offers.put(offer.offerId, offer);
            providers.add(offer.providerId);
            schedule(offer);
            double r = random.nextDouble();
            if (r < 0.03) {
                schedule(cancellation(offer, offer.providerId, offer.eventTime + MINUTE + jitter(Math.min(2 * HOUR, offer.expiresAt - offer.eventTime - 2 * MINUTE))));
            } else if (r < 0.035) {
                InputEvent again = offer.copy();
                again.eventTime = offer.eventTime + 30 * SECOND + jitter(MINUTE);
                schedule(again); // a provider's app retrying: ignored
            } else if (r < 0.037) {
                InputEvent changed = offer.copy();
                changed.quantityKg = offer.quantityKg + 1;
                changed.eventTime = offer.eventTime + MINUTE + jitter(MINUTE);
                schedule(changed); // same id, other content: duplicate_offer_id
            } else if (r < 0.039) {
                String other = providers.get(random.nextInt(providers.size()));
                if (!other.equals(offer.providerId)) {
                    schedule(cancellation(offer, other, offer.eventTime + 5 * MINUTE + jitter(10 * MINUTE)));
                }
            }
            if (random.nextDouble() < 0.002) {
                InputEvent ghost = new InputEvent();
                ghost.type = InputType.CLAIM_ACCEPTED;
                ghost.offerId = "ghost-" + i;
                ghost.ngoId = randomNgo().id;
                ghost.eventTime = offer.eventTime + jitter(HOUR);
                schedule(ghost);
            }
        }
    }

    /** Plays the day: the reference engine decides, the NGOs answer its proposals. */
    private void simulate() {
        SequentialMatcher matcher = new SequentialMatcher(settings.policy, this::answer);
        while (true) {
            long nextInput = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().eventTime;
            long nextTimer = matcher.nextTimerAt();
            if (nextInput == Long.MAX_VALUE && nextTimer == Long.MAX_VALUE) {
                break;
            }
            if (nextTimer <= nextInput) {
                matcher.advanceTo(nextTimer); // timers first at equal times
            } else {
                InputEvent e = queue.poll();
                published.add(e);
                matcher.apply(e);
            }
        }
    }

    /** How NGOs react to what the engine tells them. */
    private void answer(MatchEvent decision) {
        GeneratedNgo ngo = decision.ngoId == null ? null : ngos.get(decision.ngoId);
        switch (decision.type) {
            case OFFER_PROPOSED: {
                double r = random.nextDouble();
                long delay = (long) (ngo.answerMinutes * MINUTE * Math.exp(random.nextGaussian() * 0.8)) + SECOND;
                if (r < ngo.acceptChance) {
                    schedule(claim(InputType.CLAIM_ACCEPTED, decision, decision.at + delay));
                } else if (r < ngo.acceptChance + ngo.declineChance) {
                    schedule(claim(InputType.CLAIM_DECLINED, decision, decision.at + delay));
                }
                break;
            }
            case OFFER_CLAIMED: {
                double r = random.nextDouble();
                if (r < 0.85) {
                    InputEvent pickup = claim(InputType.PICKUP_COMPLETED, decision, decision.at + 15 * MINUTE + jitter(75 * MINUTE));
                    pickup.pickedKg = Math.round(decision.quantityKg * (0.8 + random.nextDouble() * 0.2) * 10) / 10.0;
                    schedule(pickup);
                } else if (r < 0.90) {
                    schedule(claim(InputType.CLAIM_DECLINED, decision, decision.at + 5 * MINUTE + jitter(25 * MINUTE)));
                }
                break;
            }
            case OFFER_COMPLETED:
                if (random.nextDouble() < 0.7) {
                    ngo.capacityKg = Math.max(0, ngo.capacityKg - decision.pickedKg);
                    schedule(ngo.snapshot(decision.at + 2 * MINUTE + jitter(8 * MINUTE), true));
                }
                break;
            default:
                break;
        }
    }

    private InputEvent claim(InputType type, MatchEvent decision, long at) {
        InputEvent e = new InputEvent();
        e.type = type;
        e.offerId = decision.offerId;
        e.ngoId = decision.ngoId;
        e.eventTime = at;
        return e;
    }

    private InputEvent cancellation(InputEvent offer, String providerId, long at) {
        InputEvent e = new InputEvent();
        e.type = InputType.OFFER_CANCELLED;
        e.offerId = offer.offerId;
        e.providerId = providerId;
        e.eventTime = at;
        return e;
    }

    private void schedule(InputEvent e) {
        e.stream = e.type.stream();
        e.seq = nextSeq[e.stream.ordinal()]++;
        queue.add(e);
    }

    private List<String> lines() {
        published.sort(Comparator.<InputEvent>comparingLong(e -> e.eventTime)
                .thenComparing(e -> e.stream)
                .thenComparingLong(e -> e.seq));
        List<String> lines = new ArrayList<>(published.size());
        for (InputEvent e : published) {
            if (random.nextDouble() < settings.badInputRate) {
                lines.add(badInput.near(e));
            }
            lines.add(InputEventJson.write(e));
        }
        return lines;
    }

    private GeneratedNgo randomNgo() {
        List<String> ids = new ArrayList<>(ngos.keySet());
        ids.sort(null);
        return ngos.get(ids.get(random.nextInt(ids.size())));
    }

    private long jitter(long range) {
        return range <= 0 ? 0 : (long) (random.nextDouble() * range);
    }
}
