package id.pahlawanpangan.impact;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.MatchEvent;
import java.util.EnumMap;
import java.util.Map;

/**
 * What rescued food is worth beyond its weight: meals, and greenhouse gas emissions avoided. The
 * defaults and their sources are in the README ("Impact"); the PostGIS views read the same
 * figures from {@code impact_meal_size} and {@code impact_co2e} (migration V6), where a
 * deployment may change them, and a test holds the two to the same defaults.
 */
public final class ImpactFactors {
    /** WRAP's recommended size of an "average" meal for reporting redistributed food (2018). */
    public static final double WRAP_KG_PER_MEAL = 0.42;

    /** FAO, Food wastage footprint (2013): 3.3 Gt CO2e for the 1.3 Gt of food lost or wasted each year. */
    public static final double FAO_WASTED_FOOD_CO2E_PER_KG = 2.54;

    public static final ImpactFactors DEFAULTS = new ImpactFactors(WRAP_KG_PER_MEAL, defaultCo2e());

    private final double kgPerMeal;
    private final Map<Category, Double> co2ePerKg;

    public ImpactFactors(double kgPerMeal, Map<Category, Double> co2ePerKg) {
        if (!(kgPerMeal > 0) || Double.isInfinite(kgPerMeal)) {
            throw new IllegalArgumentException("kg per meal must be a positive number, was " + kgPerMeal);
        }
        for (Category c : Category.values()) {
            Double f = co2ePerKg.get(c);
            if (f == null || !(f >= 0) || f.isInfinite()) {
                throw new IllegalArgumentException("CO2e per kg of " + c.wireName() + " must be a number of at least 0, was " + f);
            }
        }
        this.kgPerMeal = kgPerMeal;
        this.co2ePerKg = new EnumMap<>(co2ePerKg);
    }

    private static Map<Category, Double> defaultCo2e() {
        Map<Category, Double> m = new EnumMap<>(Category.class);
        // Poore & Nemecek (2018), global means per kg of product, where one product stands for the category
        m.put(Category.BAKERY, 1.57); // wheat & rye (bread)
        m.put(Category.DAIRY, 3.15); // milk
        m.put(Category.PRODUCE, 1.14); // mean of tomatoes 2.09, bananas 0.86, potatoes 0.46
        // mixed food of unknown make-up: the average of all food wasted
        m.put(Category.COOKED_MEAL, FAO_WASTED_FOOD_CO2E_PER_KG);
        m.put(Category.PACKAGED, FAO_WASTED_FOOD_CO2E_PER_KG);
        m.put(Category.FROZEN, FAO_WASTED_FOOD_CO2E_PER_KG);
        return m;
    }

    public double kgPerMeal() {
        return kgPerMeal;
    }

    public double co2ePerKg(Category category) {
        return co2ePerKg.get(category);
    }

    /**
     * Meals in a pickup: the offer's portions when the provider gave them, in proportion to the
     * share picked up (an NGO may take less than was offered); otherwise the kilograms picked up
     * divided by the size of a meal.
     */
    public double meals(double pickedKg, Integer portions, double quantityKg) {
        if (portions != null && quantityKg > 0) {
            return portions * Math.min(1.0, pickedKg / quantityKg);
        }
        return pickedKg / kgPerMeal;
    }

    /** The meals of an {@code offer.completed} event (the offer's quantity and portions travel with it). */
    public double meals(MatchEvent completed) {
        return meals(completed.pickedKg, completed.portions, completed.quantityKg != null ? completed.quantityKg : 0);
    }

    /** The CO2e avoided by an {@code offer.completed} event; none when it names no category the contract knows. */
    public double co2eKg(MatchEvent completed) {
        Category category = completed.category != null ? Category.fromWire(completed.category) : null;
        return category != null ? co2eKg(category, completed.pickedKg) : 0;
    }

    /** Kilograms of CO2e avoided by rescuing {@code pickedKg} of the category instead of wasting it. */
    public double co2eKg(Category category, double pickedKg) {
        return pickedKg * co2ePerKg(category);
    }
}
