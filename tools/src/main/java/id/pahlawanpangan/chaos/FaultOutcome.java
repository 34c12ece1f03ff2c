package id.pahlawanpangan.chaos;

/**
 * A fault as it went: when (ms after the run began), to which process, and how long until the
 * job ran and decided again, and until new offers got their first decision as fast as before
 * the faults (-1: not within the recovery timeout).
 */
record FaultOutcome(Fault fault, long at, long pid, long runningAgainMs, long latencyBackMs) {}
