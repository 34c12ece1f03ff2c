package id.pahlawanpangan.chaos;

import java.time.Duration;

/**
 * One fault: {@code kill -9} of a process (its supervisor starts it again), or a stall of it
 * ({@code SIGSTOP}, then {@code SIGCONT} after {@code stall}): a process alive but not answering,
 * as in a long GC pause, a frozen VM or a saturated disk.
 */
record Fault(Target target, boolean kill, Duration stall) {
    static Fault kill(Target target) {
        return new Fault(target, true, Duration.ZERO);
    }

    static Fault stall(Target target, Duration stall) {
        return new Fault(target, false, stall);
    }

    @Override
    public String toString() {
        return kill ? "kill -9 " + target.description : "SIGSTOP " + target.description + " for " + stall.toSeconds() + " s";
    }
}
