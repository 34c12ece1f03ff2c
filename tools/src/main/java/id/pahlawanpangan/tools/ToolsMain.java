package id.pahlawanpangan.tools;

import id.pahlawanpangan.cli.Main;
import picocli.CommandLine;

/**
 * {@code bin/pangan}'s whole command line: the job's commands ({@link Main}) and the tools that
 * drive and measure the job — {@code generate}, {@code simulate}, {@code demo}, {@code bench},
 * {@code bench-live}, {@code bench-gateway}, {@code soak}, {@code chaos}. None of these is in the job jar a cluster runs.
 */
public final class ToolsMain {
    private ToolsMain() {}

    public static CommandLine commandLine() {
        return Main.commandLine()
                .addSubcommand(new GenerateCommand())
                .addSubcommand(new SimulateCommand())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new BenchLiveCommand())
                .addSubcommand(new BenchGatewayCommand())
                .addSubcommand(new SoakCommand())
                .addSubcommand(new ChaosCommand());
    }

    public static void main(String[] args) {
        Main.exit(commandLine().execute(args), args);
    }
}
