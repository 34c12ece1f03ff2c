package id.pahlawanpangan.connectors.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.connectors.Secret;
import org.junit.jupiter.api.Test;

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
}
