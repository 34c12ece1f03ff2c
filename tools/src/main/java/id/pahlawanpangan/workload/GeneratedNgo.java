package id.pahlawanpangan.workload;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import java.util.Random;

/** An NGO of the generated day: where it is, what it takes, and how it answers proposals. */
final class GeneratedNgo {
    final String id;
    final City city;
    final double lat;
    final double lon;
    double radiusKm;
    double capacityKg;
    final int accepts;
    final boolean halalOnly;
    final boolean vegetarianOnly;
    final boolean hasColdChain;
    /** Chance it accepts a proposal, and that it declines it; otherwise it stays silent. */
    final double acceptChance;
    final double declineChance;
    /** Median minutes it takes to answer. */
    final double answerMinutes;

    private GeneratedNgo(String id, City city, double[] at, double radiusKm, double capacityKg, int accepts,
                         boolean halalOnly, boolean vegetarianOnly, boolean hasColdChain,
                         double acceptChance, double declineChance, double answerMinutes) {
        this.id = id;
        this.city = city;
        this.lat = at[0];
        this.lon = at[1];
        this.radiusKm = radiusKm;
        this.capacityKg = capacityKg;
        this.accepts = accepts;
        this.halalOnly = halalOnly;
        this.vegetarianOnly = vegetarianOnly;
        this.hasColdChain = hasColdChain;
        this.acceptChance = acceptChance;
        this.declineChance = declineChance;
        this.answerMinutes = answerMinutes;
    }

    static GeneratedNgo create(int index, Random random) {
        City city = City.pick(random, 1.2);
        String id = String.format("ngo-%s-%04d", city.name(), index);
        if (random.nextDouble() < 0.08) {
            // a food bank: wide reach, large stores, takes everything, cold chain
            return new GeneratedNgo(id, city, city.randomPoint(random), 15 + random.nextInt(16), 300 + random.nextInt(700),
                    Category.maskOf(Category.values()), random.nextDouble() < 0.4, false, true,
                    0.75, 0.15, 2.0);
        }
        double[] radii = {2, 3, 3, 4, 4, 5, 5, 6, 8, 10};
        double[] capacities = {10, 20, 30, 50, 50, 80, 100, 150, 200};
        int accepts = 0;
        for (Category c : Category.values()) {
            if (random.nextDouble() < 0.55) {
                accepts |= c.bit();
            }
        }
        if (accepts == 0) {
            accepts = Category.COOKED_MEAL.bit() | Category.BAKERY.bit();
        }
        boolean vegetarianOnly = random.nextDouble() < 0.03;
        return new GeneratedNgo(id, city, city.randomPoint(random), radii[random.nextInt(radii.length)],
                capacities[random.nextInt(capacities.length)], accepts, random.nextDouble() < 0.55, vegetarianOnly,
                random.nextDouble() < 0.35, 0.45 + random.nextDouble() * 0.3, 0.1 + random.nextDouble() * 0.15,
                1 + random.nextDouble() * 5);
    }

    InputEvent snapshot(long at, boolean active) {
        InputEvent e = new InputEvent();
        e.type = InputType.NGO_AVAILABILITY;
        e.ngoId = id;
        e.lat = lat;
        e.lon = lon;
        e.radiusKm = radiusKm;
        e.capacityKg = Math.max(0, Math.round(capacityKg * 10) / 10.0);
        e.accepts = accepts;
        e.halalOnly = halalOnly;
        e.vegetarianOnly = vegetarianOnly;
        e.hasColdChain = hasColdChain;
        e.active = active;
        e.eventTime = at;
        return e;
    }
}
