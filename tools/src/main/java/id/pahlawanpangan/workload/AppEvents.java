package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the providers' and NGOs' apps send through the HTTP gateway, as the contract's JSON: offers
 * of generated providers (each provider in an Indonesian city, its offers around it, as the day
 * generator makes them) and the generated NGOs' availability snapshots, each dated by the wall
 * clock when asked for. Not thread-safe: one load thread asks.
 */
public final class AppEvents {
    private final Random random;
    private final OfferFactory offers;
    private final List<String> providerIds = new ArrayList<>();
    private final List<City> providerCities = new ArrayList<>();
    private final List<GeneratedNgo> ngos = new ArrayList<>();
    private int nextOffer;

    public AppEvents(int providerCount, int ngoCount, long seed) {
        this.random = new Random(seed);
        this.offers = new OfferFactory(random, 0);
        for (int i = 0; i < providerCount; i++) {
            City city = City.pick(random, 1.5);
            providerIds.add(String.format("prov-%s-%04d", city.name(), i));
            providerCities.add(city);
        }
        for (int i = 0; i < ngoCount; i++) {
            ngos.add(GeneratedNgo.create(i, random));
        }
    }

    public List<String> providerIds() {
        return List.copyOf(providerIds);
    }

    public List<String> ngoIds() {
        return ngos.stream().map(n -> n.id).toList();
    }

    /** An {@code offer.posted} of provider {@code provider} (an index), around its city, posted, ready now and keeping for hours. */
    public String offer(int provider, String offerId, long now) {
        InputEvent e = offers.create(nextOffer++);
        long shelf = e.expiresAt - e.readyAt;
        double[] at = providerCities.get(provider).randomPoint(random);
        e.offerId = offerId;
        e.providerId = providerIds.get(provider);
        e.lat = at[0];
        e.lon = at[1];
        e.eventTime = now;
        e.readyAt = now;
        e.expiresAt = now + shelf;
        return InputEventJson.write(e);
    }

    /** NGO {@code ngo}'s (an index) availability snapshot, now. */
    public String availability(int ngo, long now) {
        return InputEventJson.write(ngos.get(ngo).snapshot(now, true));
    }
}
