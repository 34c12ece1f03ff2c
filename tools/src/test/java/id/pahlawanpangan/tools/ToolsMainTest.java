package id.pahlawanpangan.tools;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.cli.Main;
import org.junit.jupiter.api.Test;

/** bin/pangan's command line: every command of the job jar, and the tools beside them. */
class ToolsMainTest {
    @Test
    void knowsTheJobsCommandsAndTheTools() {
        assertThat(ToolsMain.commandLine().getSubcommands().keySet())
                .containsAll(Main.commandLine().getSubcommands().keySet())
                .contains("generate", "simulate", "demo", "bench", "bench-live", "bench-gateway", "soak");
    }
}
