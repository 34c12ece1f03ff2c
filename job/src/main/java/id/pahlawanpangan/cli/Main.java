package id.pahlawanpangan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The job jar's command line. */
@Command(name = "pangan", mixinStandardHelpOptions = true, version = "Pahlawan Pangan 0.1",
        description = "Real-time food-rescue matching on Apache Flink.",
        subcommands = {ReplayCommand.class, GenerateCommand.class, RunCommand.class, DbCommand.class, StreamsCommand.class, AccessCommand.class, SimulateCommand.class, DemoCommand.class, BenchCommand.class, BenchLiveCommand.class, ChaosCommand.class, StopCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (FlinkContext.insideFlink()) {
            // flink run, or a JobManager in application mode: return, or fail the program; never
            // exit the JVM, which in application mode is the JobManager's
            if (exit != 0) {
                throw new IllegalStateException("pangan " + String.join(" ", args) + " failed (exit code " + exit + "; the reason is above)");
            }
            return;
        }
        // a local tool: the NATS connector leaves non-daemon threads behind when a job ends, do not wait for them
        System.exit(exit);
    }
}
