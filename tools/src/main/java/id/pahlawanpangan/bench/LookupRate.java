package id.pahlawanpangan.bench;

/** What a load tool reported for a peer: lookups done, per second, and their mean latency. */
record LookupRate(long lookups, double perSecond, double meanMs) {
    /** The time the lookups took at that rate (the tools leave out connecting). */
    double seconds() {
        return lookups / perSecond;
    }

    /** This run and another one after it, as one. */
    LookupRate plus(LookupRate next) {
        long all = lookups + next.lookups;
        return new LookupRate(all, all / (seconds() + next.seconds()), (meanMs * lookups + next.meanMs * next.lookups) / all);
    }
}
