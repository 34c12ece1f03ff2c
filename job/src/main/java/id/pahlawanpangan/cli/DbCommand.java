package id.pahlawanpangan.cli;

import id.pahlawanpangan.db.Schema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The PostGIS schema: migrate it, keep its partitions. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Migrates the PostGIS schema and maintains its partitions.")
final class DbCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--maintain", description = "Also create the next months' partitions and detach old ones.")
    boolean maintain;

    @Option(names = "--months-ahead", defaultValue = "3", description = "Partitions to keep ready ahead (default: ${DEFAULT-VALUE}).")
    int monthsAhead;

    @Option(names = "--keep-months", defaultValue = "0", description = "With --maintain: detach partitions older than this many months (0: keep all).")
    int keepMonths;

    @Override
    public Integer call() throws Exception {
        Schema schema = new Schema(services.postgis());
        var result = schema.migrate(null);
        System.out.printf("db: %s is at schema version %s (%d migration(s) applied)%n",
                services.postgis().url(), Schema.versionAfter(result), result.migrationsExecuted);
        if (maintain) {
            System.out.println("db: partitions ready: " + schema.ensurePartitions(monthsAhead));
            if (keepMonths > 0) {
                System.out.println("db: detached: " + schema.detachPartitionsOlderThan(keepMonths));
            }
        }
        return 0;
    }
}
