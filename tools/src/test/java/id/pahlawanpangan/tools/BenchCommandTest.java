package id.pahlawanpangan.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** bench's options: which groups of rows run, and the peers' sizes. */
class BenchCommandTest {
    @Test
    void everyGroupRunsUnlessOnlySomeAreAskedFor() {
        BenchCommand all = parse();
        assertThat(all.only).containsExactlyInAnyOrder(BenchCommand.Group.values());
        assertThat(all.peerNgos).containsExactly(1500, 10000, 50000);
        assertThat(all.peerDuration).isEqualTo(Duration.ofSeconds(30));
        assertThat(all.peerClients).isEqualTo(2);

        BenchCommand peers = parse("--only", "peers", "--peer-ngos", "300,600", "--peer-duration", "5s");
        assertThat(peers.only).containsExactly(BenchCommand.Group.peers);
        assertThat(peers.peerNgos).containsExactly(300, 600);
        assertThat(peers.peerDuration).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownGroupIsRefused() {
        assertThatThrownBy(() -> parse("--only", "engine")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("engine");
    }

    private static BenchCommand parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
