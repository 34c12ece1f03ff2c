package id.pahlawanpangan.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.pahlawanpangan.events.Category;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpactFactorsTest {
    private final ImpactFactors f = ImpactFactors.DEFAULTS;

    @Test
    void portionsCountWhenGivenInProportionToTheShareTakenAndNeverMoreThanOffered() {
        assertThat(f.meals(10, 30, 10)).isEqualTo(30);
        assertThat(f.meals(2.5, 30, 10)).isEqualTo(7.5);
        assertThat(f.meals(12, 30, 10)).isEqualTo(30);
        assertThat(f.meals(0, 30, 10)).isZero();
    }

    @Test
    void withoutPortionsAMealIsFourHundredTwentyGrams() {
        assertThat(f.meals(4.2, null, 4.2)).isCloseTo(10, within(1e-9));
        assertThat(f.meals(4.2, null, 0)).as("no quantity to share portions by").isCloseTo(10, within(1e-9));
    }

    @Test
    void co2eIsTheKilogramsTimesTheCategorysFactor() {
        assertThat(f.co2eKg(Category.BAKERY, 10)).isCloseTo(15.7, within(1e-9));
        assertThat(f.co2eKg(Category.DAIRY, 2)).isCloseTo(6.3, within(1e-9));
        assertThat(f.co2eKg(Category.COOKED_MEAL, 1)).isEqualTo(ImpactFactors.FAO_WASTED_FOOD_CO2E_PER_KG);
        for (Category c : Category.values()) {
            assertThat(f.co2ePerKg(c)).as(c.wireName()).isPositive();
        }
    }

    @Test
    void everyCategoryNeedsAFactorAndAMealAPositiveSize() {
        Map<Category, Double> some = new EnumMap<>(Category.class);
        some.put(Category.BAKERY, 1.0);
        assertThatThrownBy(() -> new ImpactFactors(0.42, some)).hasMessageContaining("cooked_meal");
        Map<Category, Double> all = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            all.put(c, 1.0);
        }
        assertThatThrownBy(() -> new ImpactFactors(0, all)).hasMessageContaining("kg per meal");
        assertThatThrownBy(() -> new ImpactFactors(Double.NaN, all)).hasMessageContaining("kg per meal");
        all.put(Category.FROZEN, -1.0);
        assertThatThrownBy(() -> new ImpactFactors(0.42, all)).hasMessageContaining("frozen");
    }
}
