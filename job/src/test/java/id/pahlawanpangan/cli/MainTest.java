package id.pahlawanpangan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The job jar's commands: the job and its operations, no tools (they have their own module). */
class MainTest {
    @Test
    void theJobJarRunsTheJobAndItsOperations() {
        assertThat(Main.commandLine().getSubcommands().keySet())
                .containsExactlyInAnyOrder("run", "stop", "replay", "db", "streams", "access", "export", "backtest");
    }
}
