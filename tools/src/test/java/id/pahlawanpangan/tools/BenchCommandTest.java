package id.pahlawanpangan.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.bench.Benchmarks;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** bench's options: which parts run, and the peers' sizes. */
class BenchCommandTest {
    @Test
    void everyPartRunsUnlessOnlySomeAreAskedFor() {
        BenchCommand all = parse();
        assertThat(all.only).isNull();
        assertThat(new Benchmarks.Settings().only).containsExactlyInAnyOrderElementsOf(Benchmarks.PARTS).contains(Benchmarks.PEERS);
        assertThat(all.peerNgos).containsExactly(1500, 10000, 50000);
        assertThat(all.peerDuration).isEqualTo(Duration.ofSeconds(30));
        assertThat(all.peerClients).isEqualTo(2);

        BenchCommand peers = parse("--only", "peers", "--peer-ngos", "300,600", "--peer-duration", "5s");
        assertThat(peers.only).containsExactly("peers");
        assertThat(peers.peerNgos).containsExactly(300, 600);
        assertThat(peers.peerDuration).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownPartIsRefused() {
        Benchmarks.Settings settings = new Benchmarks.Settings();
        settings.only = Set.of("everything");
        assertThatThrownBy(() -> new Benchmarks(settings, () -> null, () -> null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("everything");
    }

    private static BenchCommand parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
