package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.impact.ImpactFactors;
import id.pahlawanpangan.events.OutputType;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A short account of a run's decisions, for people. */
public final class DecisionSummary {
    private final Map<OutputType, Integer> byType = new EnumMap<>(OutputType.class);
    private final Map<String, Integer> escalationsByReason = new TreeMap<>();
    private final Map<String, Integer> rejectionsByReason = new TreeMap<>();
    private final Set<String> offers = new HashSet<>();
    private double kgRescued;
    private double mealsRescued;
    private double co2eAvoidedKg;

    public static DecisionSummary of(List<MatchEvent> events) {
        return of(events, ImpactFactors.DEFAULTS);
    }

    public static DecisionSummary of(List<MatchEvent> events, ImpactFactors impact) {
        DecisionSummary s = new DecisionSummary();
        for (MatchEvent e : events) {
            s.byType.merge(e.type, 1, Integer::sum);
            switch (e.type) {
                case OFFER_PROPOSED:
                    s.offers.add(e.offerId);
                    break;
                case OFFER_ESCALATED:
                    s.offers.add(e.offerId);
                    s.escalationsByReason.merge(e.reason, 1, Integer::sum);
                    break;
                case OFFER_COMPLETED:
                    s.kgRescued += e.pickedKg;
                    s.mealsRescued += impact.meals(e);
                    s.co2eAvoidedKg += impact.co2eKg(e);
                    break;
                case CLAIM_REJECTED:
                case INPUT_REJECTED:
                    s.rejectionsByReason.merge(e.type.wireName() + " " + e.reason, 1, Integer::sum);
                    break;
                default:
                    break;
            }
        }
        return s;
    }

    public int count(OutputType type) {
        return byType.getOrDefault(type, 0);
    }

    public double kgRescued() {
        return kgRescued;
    }

    /** Meals in the food picked up ({@link ImpactFactors#meals}). */
    public double mealsRescued() {
        return mealsRescued;
    }

    /** Kilograms of CO2e that the food picked up would have cost wasted ({@link ImpactFactors#co2eKg}). */
    public double co2eAvoidedKg() {
        return co2eAvoidedKg;
    }

    /** Offers decided on: proposed or escalated at least once. */
    public int offers() {
        return offers.size();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        line(b, "offers", offers());
        line(b, "proposals", count(OutputType.OFFER_PROPOSED));
        line(b, "claims", count(OutputType.OFFER_CLAIMED));
        line(b, "declines", count(OutputType.OFFER_DECLINED));
        line(b, "holds expired", count(OutputType.OFFER_HOLD_EXPIRED));
        line(b, "escalations", count(OutputType.OFFER_ESCALATED));
        escalationsByReason.forEach((reason, n) -> line(b, "  " + reason, n));
        line(b, "completed", count(OutputType.OFFER_COMPLETED));
        line(b, "expired", count(OutputType.OFFER_EXPIRED));
        line(b, "pickups missed", count(OutputType.OFFER_PICKUP_MISSED));
        line(b, "cancelled", count(OutputType.OFFER_CANCELLED));
        line(b, "rejections", count(OutputType.CLAIM_REJECTED) + count(OutputType.INPUT_REJECTED));
        rejectionsByReason.forEach((reason, n) -> line(b, "  " + reason, n));
        b.append(String.format("%-40s %10.1f%n", "kg rescued", kgRescued));
        b.append(String.format("%-40s %10.0f%n", "meals rescued", mealsRescued));
        b.append(String.format("%-40s %10.1f%n", "kg CO2e avoided", co2eAvoidedKg));
        return b.toString();
    }

    private static void line(StringBuilder b, String label, int n) {
        b.append(String.format("%-40s %10d%n", label, n));
    }
}
