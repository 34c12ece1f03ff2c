package id.pahlawanpangan.tools;

import id.pahlawanpangan.workload.DayGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a realistic Indonesian day of input events as a replay file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates a day of input events (offers, NGO availability, claims, pickups, cancellations, "
                + "a little bad input) over Indonesia's large cities, as a replay file.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, description = "The replay file to write.")
    Path output;

    @Option(names = "--offers", defaultValue = "20000", description = "Offers posted in the day (default: ${DEFAULT-VALUE}).")
    int offers;

    @Option(names = "--ngos", defaultValue = "1500", description = "NGOs (default: ${DEFAULT-VALUE}).")
    int ngos;

    @Option(names = "--date", defaultValue = "2026-11-25", description = "The day, UTC (default: ${DEFAULT-VALUE}).")
    LocalDate date;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed gives the same file.")
    long seed;

    @Option(names = "--bad-input-rate", defaultValue = "0.001", description = "Share of bad lines (default: ${DEFAULT-VALUE}).")
    double badInputRate;

    @Option(names = "--hotspot-share", defaultValue = "0",
            description = "Share of the offers posted in one S2 cell (level 10) of central Jakarta, as at iftar (default: ${DEFAULT-VALUE}:"
                    + " no hot spot, the same day as without the option).")
    double hotspotShare;

    @Override
    public Integer call() throws Exception {
        DayGenerator.Settings settings = new DayGenerator.Settings();
        settings.offers = offers;
        settings.ngos = ngos;
        settings.date = date;
        settings.seed = seed;
        settings.badInputRate = badInputRate;
        settings.hotspotShare = hotspotShare;
        List<String> lines = new DayGenerator(settings).generate();
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(output, lines, StandardCharsets.UTF_8);
        System.out.printf("Generated %d input events for %s (%d offers, %d NGOs) in %s%n", lines.size(), date, offers, ngos, output);
        return 0;
    }
}
