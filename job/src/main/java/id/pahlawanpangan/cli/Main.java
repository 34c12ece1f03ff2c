package id.pahlawanpangan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The job jar's command line: the job, and what a platform team runs beside it — {@code run} (the
 * job, also under {@code flink run} and in application mode), {@code stop} (with a savepoint),
 * {@code replay} (backtesting a day through the same job), {@code db} (migrations, upkeep,
 * logins), {@code streams} (the JetStream streams, as their administrator), {@code access} (the
 * NATS users). The tools that drive and measure the job (generator, simulator, benchmarks, demo)
 * live in their own module, whose main adds their commands to {@link #commandLine}.
 */
@Command(name = "pangan", mixinStandardHelpOptions = true, version = "Pahlawan Pangan 0.1",
        description = "Real-time food-rescue matching on Apache Flink.",
        subcommands = {ReplayCommand.class, RunCommand.class, DbCommand.class, StreamsCommand.class, AccessCommand.class, StopCommand.class,
            ExportCommand.class, BacktestCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // the command line as composed: with the tools' commands when a tools main added them
        spec.commandLine().usage(System.out);
    }

    /** The job's commands; another main may add its own ({@code addSubcommand}). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        exit(commandLine().execute(args), args);
    }

    /**
     * Ends the program with a command's exit code. Inside Flink ({@code flink run}, or a
     * JobManager in application mode) by returning, or failing the program; never by exiting the
     * JVM, which in application mode is the JobManager's.
     */
    public static void exit(int code, String[] args) {
        if (FlinkContext.insideFlink()) {
            if (code != 0) {
                throw new IllegalStateException("pangan " + String.join(" ", args) + " failed (exit code " + code + "; the reason is above)");
            }
            return;
        }
        // a local tool: the NATS connector leaves non-daemon threads behind when a job ends, do not wait for them
        System.exit(code);
    }
}
