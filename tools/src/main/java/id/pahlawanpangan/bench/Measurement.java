package id.pahlawanpangan.bench;

/**
 * One measured run, a row of {@code bin/pangan bench}'s table: what ran, how many of what it
 * handled ({@code unit}, plural: "input events", "decisions"), the wall time and the CPU time of
 * this JVM (the embedded cluster runs in it).
 */
public record Measurement(String benchmark, String setup, long count, String unit, double wallSeconds, double cpuSeconds) {
    /** This run as the fastest of {@code runs}: what ran says so. */
    public Measurement fastestOf(int runs) {
        return new Measurement(benchmark, setup + "; fastest of " + runs + " runs", count, unit, wallSeconds, cpuSeconds);
    }

    /** Of {@link #unit} per second of wall time. */
    public double perSecond() {
        return count / wallSeconds;
    }

    /** CPU seconds of the JVM per 1,000 of {@link #unit}. */
    public double cpuPerThousand() {
        return cpuSeconds * 1000 / count;
    }

    /** Wall seconds per 1,000 of {@link #unit}. */
    public double wallPerThousand() {
        return wallSeconds * 1000 / count;
    }
}
