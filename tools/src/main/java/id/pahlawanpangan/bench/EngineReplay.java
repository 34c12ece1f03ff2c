package id.pahlawanpangan.bench;

import id.pahlawanpangan.pipeline.MatchingJob;
import id.pahlawanpangan.pipeline.ReplayInput;
import id.pahlawanpangan.pipeline.Uids;

/**
 * The engine alone over a generated day: the day's file read by the job's own replay input,
 * through {@link MatchingJob}, into an output that only counts. Input events/s are the day's lines
 * over the wall time of the run.
 */
public final class EngineReplay {
    private final int parallelism;

    public EngineReplay(int parallelism) {
        this.parallelism = parallelism;
    }

    /** Replays the day and measures it; {@code benchmark} names the row. */
    public DayRun run(String benchmark, BenchDay day) throws Exception {
        try (EmbeddedRun run = new EmbeddedRun(parallelism)) {
            Uids.required(run.env());
            new MatchingJob(run.config(), new ReplayInput(day.file()), new CountingOutput()).wire(run.env());
            EmbeddedRun.Timed timed = run.execute("bench: engine over " + day.label());
            Measurement m = new Measurement(benchmark, day.label() + ", output counted; parallelism " + parallelism,
                    day.lines(), "input events", timed.wallSeconds(), timed.cpuSeconds());
            return new DayRun(day, m, CountingOutput.count(timed.result()));
        }
    }
}
