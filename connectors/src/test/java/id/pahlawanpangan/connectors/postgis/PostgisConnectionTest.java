package id.pahlawanpangan.connectors.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgisConnectionTest {
    private static final Secret PASSWORD = Secret.none();

    @Test
    void onAnotherDatabaseKeepsServerUserAndPassword() {
        PostgisConnection pangan = new PostgisConnection("jdbc:postgresql://db.example:5433/pangan", "matcher", PASSWORD);
        PostgisConnection admin = pangan.onDatabase("postgres");
        assertThat(admin.url()).isEqualTo("jdbc:postgresql://db.example:5433/postgres");
        assertThat(admin.user()).isEqualTo("matcher");
        assertThat(admin.password()).isSameAs(PASSWORD);
    }

    @Test
    void onAnotherDatabaseKeepsTheUrlsParameters() {
        PostgisConnection pangan = new PostgisConnection("jdbc:postgresql://db.example/pangan?sslmode=require&ApplicationName=a/b", "u", PASSWORD);
        assertThat(pangan.onDatabase("pangan_bench").url()).isEqualTo("jdbc:postgresql://db.example/pangan_bench?sslmode=require&ApplicationName=a/b");
    }

    @Test
    void sslSettingsBecomeTheDriversUrlParametersAndReplaceTheUrlsOwn(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("root ca.crt"), "-----BEGIN CERTIFICATE-----");
        PostgisConnection pangan = new PostgisConnection("jdbc:postgresql://db.example/pangan?sslmode=disable&ApplicationName=a", "u", PASSWORD)
                .withSsl("verify-full", ca.toString());
        assertThat(pangan.url()).isEqualTo("jdbc:postgresql://db.example/pangan?ApplicationName=a&sslmode=verify-full&sslrootcert="
                + ca.toString().replace(" ", "+"));
        assertThat(pangan.user()).isEqualTo("u");
        assertThat(pangan.onDatabase("postgres").url()).contains("/postgres?").contains("sslmode=verify-full");
        assertThat(new PostgisConnection("jdbc:postgresql://db.example/pangan", "u", PASSWORD).withSsl(null, " ").url())
                .as("nothing set, nothing added").isEqualTo("jdbc:postgresql://db.example/pangan");
    }

    @Test
    void anUnknownSslModeOrAMissingRootCertificateIsRefused(@TempDir Path dir) {
        PostgisConnection pangan = new PostgisConnection("jdbc:postgresql://db.example/pangan", "u", PASSWORD);
        assertThatThrownBy(() -> pangan.withSsl("verify_full", null)).hasMessageContaining("sslmode must be one of");
        assertThatThrownBy(() -> pangan.withSsl("verify-full", dir.resolve("missing.crt").toString())).hasMessageContaining("not a readable file");
    }

    @Test
    void withAnotherUserKeepsTheServerAndItsSsl() {
        PostgisConnection job = new PostgisConnection("jdbc:postgresql://db.example/pangan", "pangan", PASSWORD).withSsl("require", null);
        PostgisConnection owner = job.withUser("migrator", Secret.fromEnvironment("PANGAN_PG_ADMIN_PASSWORD"));
        assertThat(owner.url()).isEqualTo("jdbc:postgresql://db.example/pangan?sslmode=require");
        assertThat(owner.user()).isEqualTo("migrator");
        assertThat(owner.toString()).contains("as migrator").contains("$PANGAN_PG_ADMIN_PASSWORD");
    }
}
