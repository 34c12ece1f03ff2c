package id.pahlawanpangan.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults of a run, drawn from a seed: every kind (kill and stall of each target) before any
 * repeats, in random order, with a kill of the leading JobManager among the first four so that
 * even a short run proves a failover; stalls last 5 to 30 s.
 */
final class FaultPlan {
    private FaultPlan() {}

    static List<Fault> draw(int count, Random random) {
        List<Fault> faults = new ArrayList<>();
        while (faults.size() < count) {
            List<Fault> round = new ArrayList<>();
            for (Target target : Target.values()) {
                round.add(Fault.kill(target));
                round.add(Fault.stall(target, Duration.ofSeconds(5 + random.nextInt(26))));
            }
            Collections.shuffle(round, random);
            if (faults.isEmpty()) {
                Fault leaderKill = Fault.kill(Target.JOBMANAGER);
                round.remove(leaderKill);
                round.add(random.nextInt(Math.min(4, round.size() + 1)), leaderKill);
            }
            faults.addAll(round);
        }
        return new ArrayList<>(faults.subList(0, count));
    }
}
