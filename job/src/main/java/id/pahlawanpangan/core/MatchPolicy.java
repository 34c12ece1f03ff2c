package id.pahlawanpangan.core;

import java.io.Serializable;
import java.time.Duration;

/** The contract's tunable settings (the {@code match.*} keys), resolved to milliseconds. */
public final class MatchPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final MatchPolicy DEFAULTS = new MatchPolicy(
            Duration.ofMinutes(10), 3, Duration.ofMinutes(30), 1.5, Duration.ofHours(24));

    private final long claimWindowMs;
    private final int maxProposals;
    private final long escalateBeforeExpiryMs;
    private final double extendedRadiusFactor;
    private final long closedRetentionMs;

    public MatchPolicy(Duration claimWindow, int maxProposals, Duration escalateBeforeExpiry,
                       double extendedRadiusFactor, Duration closedRetention) {
        if (claimWindow.isNegative() || claimWindow.isZero()) {
            throw new IllegalArgumentException("match.claim-window must be positive, was " + claimWindow);
        }
        if (maxProposals < 1) {
            throw new IllegalArgumentException("match.max-proposals must be at least 1, was " + maxProposals);
        }
        if (escalateBeforeExpiry.isNegative()) {
            throw new IllegalArgumentException("match.escalate-before-expiry must not be negative, was " + escalateBeforeExpiry);
        }
        if (!(extendedRadiusFactor >= 1.0) || Double.isInfinite(extendedRadiusFactor)) {
            throw new IllegalArgumentException("match.extended-radius-factor must be at least 1, was " + extendedRadiusFactor);
        }
        if (closedRetention.isNegative()) {
            throw new IllegalArgumentException("match.closed-retention must not be negative, was " + closedRetention);
        }
        this.claimWindowMs = claimWindow.toMillis();
        this.maxProposals = maxProposals;
        this.escalateBeforeExpiryMs = escalateBeforeExpiry.toMillis();
        this.extendedRadiusFactor = extendedRadiusFactor;
        this.closedRetentionMs = closedRetention.toMillis();
    }

    public long claimWindowMs() {
        return claimWindowMs;
    }

    public int maxProposals() {
        return maxProposals;
    }

    public long escalateBeforeExpiryMs() {
        return escalateBeforeExpiryMs;
    }

    public double extendedRadiusFactor() {
        return extendedRadiusFactor;
    }

    public long closedRetentionMs() {
        return closedRetentionMs;
    }

    /** The farthest an NGO with this radius can serve (its tier-2 disk). */
    public double outerRadiusKm(double radiusKm) {
        return radiusKm * extendedRadiusFactor;
    }

    @Override
    public String toString() {
        return "claim-window=" + Duration.ofMillis(claimWindowMs) + ", max-proposals=" + maxProposals
                + ", escalate-before-expiry=" + Duration.ofMillis(escalateBeforeExpiryMs)
                + ", extended-radius-factor=" + extendedRadiusFactor
                + ", closed-retention=" + Duration.ofMillis(closedRetentionMs);
    }
}
