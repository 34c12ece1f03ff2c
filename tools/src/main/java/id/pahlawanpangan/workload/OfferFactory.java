package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Surplus food as providers post it: what, how much, and how long it keeps. */
final class OfferFactory {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final int PROVIDERS_PER_CITY = 400;

    /** Local hours 0..23: how busy posting is (lunch and closing time peaks). */
    private static final double[] HOURLY_WEIGHT = {
        0, 0, 0, 0, 0, 0.2, 0.5, 0.8, 1.0, 1.2, 1.5, 2.2, 3.0, 3.2, 2.5, 1.8, 1.5, 1.8, 2.2, 2.8, 3.5, 3.8, 2.8, 1.2};

    private final Random random;
    private final long dayStartUtc;
    /** Null on an ordinary day. */
    private final HotSpot hotSpot;

    OfferFactory(Random random, long dayStartUtc) {
        this(random, dayStartUtc, null);
    }

    OfferFactory(Random random, long dayStartUtc, HotSpot hotSpot) {
        this.random = random;
        this.dayStartUtc = dayStartUtc;
        this.hotSpot = hotSpot;
    }

    /** Every provider an offer may come from: {@value #PROVIDERS_PER_CITY} in each city. */
    static List<String> providerIds() {
        List<String> ids = new ArrayList<>();
        for (City city : City.INDONESIA) {
            for (int i = 0; i < PROVIDERS_PER_CITY; i++) {
                ids.add(providerId(city, i));
            }
        }
        return ids;
    }

    private static String providerId(City city, int index) {
        return String.format("prov-%s-%04d", city.name(), index);
    }

    InputEvent create(int index) {
        City city = City.pick(random, 1.5); // Jakarta posts more than its population alone would
        boolean hot = hotSpot != null && hotSpot.takes(index);
        if (hot) {
            // a Jakarta provider's offer; it draws what any offer draws, so every other offer is planned as on an ordinary day
            city = City.INDONESIA.get(0);
        }
        InputEvent e = new InputEvent();
        e.type = InputType.OFFER_POSTED;
        e.offerId = String.format("offer-%06d", index);
        e.providerId = providerId(city, random.nextInt(PROVIDERS_PER_CITY));
        double[] at = city.randomPoint(random);
        if (hot) {
            at = hotSpot.randomPoint();
        }
        e.lat = at[0];
        e.lon = at[1];
        e.category = category();
        e.quantityKg = quantityKg(e.category);
        e.portions = e.category == Category.COOKED_MEAL || e.category == Category.BAKERY
                ? (int) Math.round(e.quantityKg * (2.5 + random.nextDouble() * 2)) : null;
        e.halal = random.nextDouble() < 0.88;
        e.vegetarian = random.nextDouble() < (e.category == Category.PRODUCE ? 0.95 : e.category == Category.BAKERY ? 0.5 : 0.1);
        e.needsColdChain = e.category == Category.DAIRY || e.category == Category.FROZEN
                || (e.category == Category.COOKED_MEAL && random.nextDouble() < 0.15);
        e.eventTime = postingTime(city);
        e.readyAt = e.eventTime + (long) (random.nextDouble() * 20 * MINUTE);
        e.expiresAt = e.readyAt + shelfLife(e.category);
        return e;
    }

    private Category category() {
        double r = random.nextDouble();
        return r < 0.35 ? Category.COOKED_MEAL
                : r < 0.55 ? Category.BAKERY
                : r < 0.70 ? Category.PRODUCE
                : r < 0.85 ? Category.PACKAGED
                : r < 0.93 ? Category.DAIRY
                : Category.FROZEN;
    }

    private double quantityKg(Category category) {
        double median = category == Category.PRODUCE || category == Category.PACKAGED ? 20 : 10;
        double q = median * Math.exp(random.nextGaussian() * 0.8);
        return Math.round(Math.min(2000, Math.max(0.5, q)) * 10) / 10.0;
    }

    private long shelfLife(Category category) {
        if ((category == Category.COOKED_MEAL || category == Category.BAKERY) && random.nextDouble() < 0.06) {
            return 20 * MINUTE + (long) (random.nextDouble() * 25 * MINUTE); // posted at closing time, nearly gone
        }
        switch (category) {
            case COOKED_MEAL:
                return 90 * MINUTE + (long) (random.nextDouble() * 3 * HOUR);
            case BAKERY:
                return 6 * HOUR + (long) (random.nextDouble() * 10 * HOUR);
            case DAIRY:
                return 6 * HOUR + (long) (random.nextDouble() * 18 * HOUR);
            case PRODUCE:
            case FROZEN:
                return 12 * HOUR + (long) (random.nextDouble() * 36 * HOUR);
            default:
                return 24 * HOUR + (long) (random.nextDouble() * 48 * HOUR);
        }
    }

    private long postingTime(City city) {
        double total = 0;
        for (double w : HOURLY_WEIGHT) {
            total += w;
        }
        double r = random.nextDouble() * total;
        int hour = 0;
        while (hour < 23 && (r -= HOURLY_WEIGHT[hour]) > 0) {
            hour++;
        }
        long local = hour * HOUR + (long) (random.nextDouble() * HOUR);
        return dayStartUtc + local - city.utcOffsetHours() * HOUR;
    }
}
