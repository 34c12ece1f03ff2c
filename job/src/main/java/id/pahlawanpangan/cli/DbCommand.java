package id.pahlawanpangan.cli;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.db.Roles;
import id.pahlawanpangan.db.Schema;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The PostGIS schema: migrate it, keep its partitions and dead letters, make logins. Runs as the
 * administrator's login ($PANGAN_PG_ADMIN_USER: postgres, or a member of pangan_owner), never as
 * the job's.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Migrates the PostGIS schema, maintains its partitions and dead letters, and makes logins for its roles.")
final class DbCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Spec
    CommandSpec spec;

    @Option(names = "--maintain", description = "Also create the next months' partitions, detach old ones (--keep-months) and delete old dead letters (run it daily).")
    boolean maintain;

    @Option(names = "--months-ahead", defaultValue = "3", description = "Partitions to keep ready ahead (default: ${DEFAULT-VALUE}).")
    int monthsAhead;

    @Option(names = "--keep-months", defaultValue = "0", description = "With --maintain: detach partitions older than this many months (0: keep all).")
    int keepMonths;

    /**
     * 30 days: long enough to look into a publisher's bad input after the fact (a monthly review,
     * a dispute about a lost offer) and to keep the rejections dashboard's recent trend; short
     * enough that a publisher flooding the job with garbage (up to input.max-payload-bytes each)
     * cannot fill the database, and that payloads, which may hold what a publisher should not have
     * sent (names, phone numbers), are not kept for good.
     */
    @Option(names = "--dead-letter-retention", defaultValue = "30 d", converter = DurationConverter.class,
            description = "With --maintain: delete rejected_input rows received longer ago than this (default: ${DEFAULT-VALUE}).")
    Duration deadLetterRetention;

    @Option(names = "--grant-login", paramLabel = "USER",
            description = "Make USER a login that is a member of --role (created if missing; password from $PANGAN_PG_LOGIN_PASSWORD[_FILE] if set).")
    String grantLogin;

    @Option(names = "--role", defaultValue = "job", description = "With --grant-login: job, dashboard or owner (default: ${DEFAULT-VALUE}).")
    String role;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PostgisConnection admin = services.postgisAdmin();
        Schema schema = new Schema(admin);
        var result = schema.migrate(null);
        out.printf("db: %s is at schema version %s (%d migration(s) applied)%n",
                admin, Schema.versionAfter(result), result.migrationsExecuted);
        if (maintain) {
            out.println("db: partitions ready: " + schema.ensurePartitions(monthsAhead));
            if (keepMonths > 0) {
                out.println("db: detached: " + schema.detachPartitionsOlderThan(keepMonths));
            }
            out.printf("db: deleted %d dead letter(s) received more than %s ago%n",
                    schema.deleteDeadLettersOlderThan(deadLetterRetention), TimeUtils.formatWithHighestUnit(deadLetterRetention));
        }
        if (grantLogin != null) {
            for (String done : new Roles(admin).grantLogin(grantLogin, Roles.Role.named(role), Secret.fromEnvironmentOrFile("PANGAN_PG_LOGIN_PASSWORD"))) {
                out.println("db: " + done);
            }
        }
        return 0;
    }
}
