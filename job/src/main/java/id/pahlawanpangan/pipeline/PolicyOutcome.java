package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.impact.ImpactFactors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one policy made of a day, as a dispatcher compares policies: how many offers were
 * proposed, claimed, rescued, escalated or lost, how long they waited, and what was rescued.
 * Offers are counted once each; an offer's posting time is its first decision's (the contract
 * decides every posting at once: a proposal or an escalation).
 */
public final class PolicyOutcome {
    public final int offers;
    public final int proposed;
    public final int claimed;
    public final int completed;
    public final int escalated;
    public final int expired;
    public final int pickupsMissed;
    public final int cancelled;
    /** Seconds of event time from posting to the first proposal, over the offers proposed: p50 and p95. */
    public final double firstProposalP50;
    public final double firstProposalP95;
    /** Seconds of event time from posting to the claim, over the offers claimed: p50 and p95. */
    public final double claimP50;
    public final double claimP95;
    public final double kgRescued;
    public final double mealsRescued;
    public final double co2eAvoidedKg;

    private PolicyOutcome(Builder b, ImpactFactors impact) {
        offers = b.postedAt.size();
        proposed = b.firstProposalAt.size();
        claimed = b.claimedAt.size();
        completed = b.completed.size();
        escalated = b.escalated.size();
        expired = b.expired.size();
        pickupsMissed = b.pickupsMissed.size();
        cancelled = b.cancelled.size();
        List<Double> toProposal = waits(b.postedAt, b.firstProposalAt);
        List<Double> toClaim = waits(b.postedAt, b.claimedAt);
        firstProposalP50 = percentile(toProposal, 0.50);
        firstProposalP95 = percentile(toProposal, 0.95);
        claimP50 = percentile(toClaim, 0.50);
        claimP95 = percentile(toClaim, 0.95);
        double kg = 0;
        double meals = 0;
        double co2e = 0;
        for (MatchEvent e : b.completedEvents) {
            kg += e.pickedKg;
            meals += impact.meals(e);
            co2e += impact.co2eKg(e);
        }
        kgRescued = kg;
        mealsRescued = meals;
        co2eAvoidedKg = co2e;
    }

    /** The outcome of a replay's output events, in decision order. */
    public static PolicyOutcome of(List<MatchEvent> events, ImpactFactors impact) {
        Builder b = new Builder();
        for (MatchEvent e : events) {
            if (e.offerId == null) {
                continue;
            }
            switch (e.type) {
                case CLAIM_REJECTED:
                case INPUT_REJECTED:
                    continue;
                default:
                    break;
            }
            b.postedAt.putIfAbsent(e.offerId, e.at);
            switch (e.type) {
                case OFFER_PROPOSED -> b.firstProposalAt.putIfAbsent(e.offerId, e.at);
                case OFFER_CLAIMED -> b.claimedAt.putIfAbsent(e.offerId, e.at);
                case OFFER_COMPLETED -> {
                    if (b.completed.add(e.offerId)) {
                        b.completedEvents.add(e);
                    }
                }
                case OFFER_ESCALATED -> b.escalated.add(e.offerId);
                case OFFER_EXPIRED -> b.expired.add(e.offerId);
                case OFFER_PICKUP_MISSED -> b.pickupsMissed.add(e.offerId);
                case OFFER_CANCELLED -> b.cancelled.add(e.offerId);
                default -> { }
            }
        }
        return new PolicyOutcome(b, impact);
    }

    private static final class Builder {
        final Map<String, Long> postedAt = new HashMap<>();
        final Map<String, Long> firstProposalAt = new HashMap<>();
        final Map<String, Long> claimedAt = new HashMap<>();
        final Set<String> completed = new HashSet<>();
        final List<MatchEvent> completedEvents = new ArrayList<>();
        final Set<String> escalated = new HashSet<>();
        final Set<String> expired = new HashSet<>();
        final Set<String> pickupsMissed = new HashSet<>();
        final Set<String> cancelled = new HashSet<>();
    }

    private static List<Double> waits(Map<String, Long> postedAt, Map<String, Long> at) {
        List<Double> seconds = new ArrayList<>(at.size());
        at.forEach((offer, t) -> seconds.add((t - postedAt.get(offer)) / 1000.0));
        Collections.sort(seconds);
        return seconds;
    }

    /** Nearest rank; NaN when there is nothing to rank. */
    static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
