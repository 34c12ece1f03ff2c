package id.pahlawanpangan.bench;

/** A day replayed through the engine: the day, its measurement, and how many output events it made. */
public record DayRun(BenchDay day, Measurement measurement, long outputEvents) {
    /** This run as the fastest of {@code runs}. */
    public DayRun fastestOf(int runs) {
        return new DayRun(day, measurement.fastestOf(runs), outputEvents);
    }

    /** CPU seconds of the JVM per 1,000 offers of the day. */
    public double cpuPerThousandOffers() {
        return measurement.cpuSeconds() * 1000 / day.offers();
    }

    /** Wall seconds per 1,000 offers of the day. */
    public double wallPerThousandOffers() {
        return measurement.wallSeconds() * 1000 / day.offers();
    }
}
