package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.InputEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The generator's NGOs and offers for benchmarks of the candidate lookup alone (the peers of
 * {@code bin/pangan bench}, the JMH microbenchmarks): the places, radii, capacities and
 * quantities of a generated day, so that every engine measured searches alike data.
 */
public final class LookupWorkload {
    /** The generated day's date, so that every time lies in the contract's range. */
    private static final long DAY_START = LocalDate.of(2026, 11, 25).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();

    private LookupWorkload() {}

    /** {@code count} NGOs spread over Indonesia's cities as a generated day places them: active snapshots. */
    public static List<InputEvent> ngos(int count, long seed) {
        return ngosIn(null, count, seed);
    }

    /** The first {@code count} NGOs the generator places in {@code city} (null: anywhere). */
    public static List<InputEvent> ngosIn(String city, int count, long seed) {
        requireCity(city);
        Random random = new Random(seed);
        List<InputEvent> ngos = new ArrayList<>(count);
        for (int i = 0; ngos.size() < count; i++) {
            GeneratedNgo ngo = GeneratedNgo.create(i, random);
            if (city == null || ngo.city.name().equals(city)) {
                ngos.add(ngo.snapshot(DAY_START, true));
            }
        }
        return ngos;
    }

    /** {@code count} offers where and as large as a generated day posts them. */
    public static List<InputEvent> offers(int count, long seed) {
        return offersIn(null, count, seed);
    }

    /** The first {@code count} offers the generator posts in {@code city} (null: anywhere). */
    public static List<InputEvent> offersIn(String city, int count, long seed) {
        requireCity(city);
        OfferFactory factory = new OfferFactory(new Random(seed), DAY_START);
        List<InputEvent> offers = new ArrayList<>(count);
        for (int i = 0; offers.size() < count; i++) {
            InputEvent offer = factory.create(i);
            if (city == null || city.equals(cityOf(offer))) {
                offers.add(offer);
            }
        }
        return offers;
    }

    /** The city in a generated provider's id, {@code prov-<city>-<n>}. */
    private static String cityOf(InputEvent offer) {
        return offer.providerId.substring("prov-".length(), offer.providerId.lastIndexOf('-'));
    }

    private static void requireCity(String city) {
        if (city != null && City.INDONESIA.stream().noneMatch(c -> c.name().equals(city))) {
            throw new IllegalArgumentException("no generated city is named " + city);
        }
    }
}
