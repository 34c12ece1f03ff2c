package id.pahlawanpangan.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path dir;

    @Test
    void aKeyIsShownOnceAndOnlyItsHashIsKept() throws Exception {
        Path file = dir.resolve("keys");
        Client bakery = new Client(ClientRole.PROVIDER, "prov-jkt-0001");
        String key = ApiKeys.add(file, bakery);

        assertThat(key).startsWith("pgk_").hasSize(47);
        assertThat(Files.readString(file)).doesNotContain(key).contains("provider prov-jkt-0001 " + ApiKeys.sha256(key));
        ApiKeys keys = ApiKeys.load(file);
        assertThat(keys.authenticate(key)).contains(bakery);
        assertThat(keys.authenticate(key + "x")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.authenticate("short")).isEmpty();
    }

    @Test
    void aClientAddedOrRemovedWhileServingCountsWithoutARestart() throws Exception {
        Path file = dir.resolve("keys");
        String first = ApiKeys.add(file, new Client(ClientRole.NGO, "ngo-1"));
        ApiKeys keys = ApiKeys.load(file);
        String second = ApiKeys.add(file, new Client(ClientRole.NGO, "ngo-2"));
        // file times can be coarse: make the change visible as a change
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        await().atMost(Duration.ofSeconds(5)).until(() -> keys.authenticate(second).isPresent());

        assertThat(ApiKeys.remove(file, new Client(ClientRole.NGO, "ngo-1"))).isTrue();
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        await().atMost(Duration.ofSeconds(5)).until(() -> keys.authenticate(first).isEmpty());
        assertThat(keys.authenticate(second)).isPresent();
    }

    @Test
    void aClientHasOneKeyAndABrokenFileIsNamedByLine() throws Exception {
        Path file = dir.resolve("keys");
        ApiKeys.add(file, new Client(ClientRole.DISPATCHER, "desk-1"));
        assertThatThrownBy(() -> ApiKeys.add(file, new Client(ClientRole.DISPATCHER, "desk-1"))).hasMessageContaining("already has a key");
        assertThatThrownBy(() -> new Client(ClientRole.NGO, "ngo 1")).hasMessageContaining("client id");

        Files.writeString(file, "# clients\nngo ngo-9 not-a-hash\n");
        assertThatThrownBy(() -> ApiKeys.load(file)).hasMessageContaining(file + ":2");
        assertThatThrownBy(() -> ApiKeys.load(dir.resolve("absent"))).hasMessageContaining("keys add");
    }
}
