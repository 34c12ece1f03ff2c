package id.pahlawanpangan.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.live.Subjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of NATS users and the auth.conf written from it (the server side: NatsAccessITCase). */
class AccessDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void membersAreKeptAcrossRunsAndTheServersFileHoldsNoSecret() throws Exception {
        AccessDirectory access = AccessDirectory.create(dir, new Subjects("pangan"));
        Path seed = access.addWithNewKey(Role.NGO, "ngo.7");
        String seedText = Files.readString(seed).strip();

        assertThat(seedText).startsWith("SU");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seed))).isEqualTo("rw-------");
        String auth = Files.readString(dir.resolve(AccessDirectory.AUTH_CONFIG));
        assertThat(auth).doesNotContain(seedText).contains("\"pangan.in.ngo.ngo~7\"", "\"pangan.out.ngo~7.>\"", "\"_INBOX_ngo.ngo~7.>\"");

        AccessDirectory reopened = AccessDirectory.open(dir);
        assertThat(reopened.members()).extracting(m -> m.role + " " + m.id).containsExactly("ADMIN admin", "JOB job", "NGO ngo.7");
        assertThat(reopened.subjects().namespace()).isEqualTo("pangan");

        assertThatThrownBy(() -> reopened.addWithNewKey(Role.NGO, "ngo.7")).hasMessageContaining("a member already");
        assertThatThrownBy(() -> reopened.addWithNewKey(Role.JOB, "job2")).hasMessageContaining("one job user");
        assertThatThrownBy(() -> reopened.addWithNewKey(Role.PROVIDER, "no spaces")).hasMessageContaining("[A-Za-z0-9._:-]{1,64}");
        assertThat(reopened.remove(Role.NGO, "ngo.7")).isTrue();
        assertThat(Files.readString(dir.resolve(AccessDirectory.AUTH_CONFIG))).doesNotContain("ngo~7");
    }

    @Test
    void noRoleMayReadAnotherUsersRepliesOrTheWholeOutput() {
        Subjects subjects = new Subjects("pangan");
        for (Role role : Role.values()) {
            if (role == Role.ADMIN) {
                continue;
            }
            Member m = new Member(role, "x-1", "U" + "A".repeat(55));
            NatsPermissions p = NatsPermissions.of(m, subjects);
            assertThat(p.subscribe).as(role + " subscribes").doesNotContain(">", "_INBOX.>", "pangan.out.>", "pangan.in.>")
                    .allMatch(s -> s.startsWith(NatsPermissions.inboxPrefix(m) + ".") || s.startsWith("pangan.out."));
            assertThat(p.publish).as(role + " publishes").doesNotContain(">", "$JS.API.>", "pangan.in.>")
                    .noneMatch(s -> s.contains("STREAM.CREATE") || s.contains("STREAM.UPDATE") || s.contains("STREAM.DELETE") || s.contains("PURGE"));
        }
    }

    @Test
    void theGatewayPublishesInputForAnyoneButNoOutputAndReadsThroughItsOwnConsumers() {
        Subjects subjects = new Subjects("pangan");
        Member gateway = new Member(Role.GATEWAY, "gw-1", "U" + "A".repeat(55));
        NatsPermissions p = NatsPermissions.of(gateway, subjects);

        assertThat(p.publish).contains("pangan.in.offer.*", "pangan.in.ngo.*", "pangan.in.claim.*",
                        "$JS.API.CONSUMER.CREATE.PANGAN_OUT", "$JS.API.CONSUMER.CREATE.PANGAN_IN_NGOS")
                .noneMatch(s -> s.startsWith("pangan.out"))
                .noneMatch(s -> s.contains("PANGAN_IN_OFFERS") || s.contains("PANGAN_IN_CLAIMS"));
        assertThat(p.subscribe).containsExactly("_INBOX_gateway.gw-1.>");
    }
}
