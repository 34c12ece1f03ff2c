package id.pahlawanpangan.bench;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.StreamNumbering;
import id.pahlawanpangan.geo.CellGrid;
import id.pahlawanpangan.pipeline.MatchingOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How a day loads the job's shards, from its input as the job's router sees it: each NGO snapshot
 * is copied to every cell its outer (tier 2) disk touches ({@link CellGrid#cellsTouching}, {@link
 * MatchPolicy#outerRadiusKm}), and each offer is decided in its own cell among the NGOs there.
 *
 * @param cellsWithNgos cells that some NGO reaches during the day
 * @param ngosPerCell NGOs that reach a cell during the day, on average over {@code cellsWithNgos}
 * @param ngosInOfferCell NGOs that reach an offer's cell during the day, on average over the
 *     offers: what a search for candidates ranks
 * @param cellsPerSnapshot cells an NGO snapshot is copied to, on average over the snapshots
 * @param offersInBusiestCell the offers posted in the cell with most offers
 */
public record DayShape(int cellsWithNgos, double ngosPerCell, double ngosInOfferCell, double cellsPerSnapshot, int offersInBusiestCell) {

    /**
     * Reads a day's lines as the job configured by {@code config} does (its parser, cells and
     * policy); bad lines are skipped, as the job rejects them.
     */
    public static DayShape of(Iterable<String> lines, ReadableConfig config) {
        InputParser parser = MatchingOptions.parser(config);
        CellGrid grid = MatchingOptions.cellGrid(config);
        MatchPolicy policy = MatchingOptions.policy(config);
        StreamNumbering numbering = new StreamNumbering();
        Map<Long, Set<String>> ngosByCell = new HashMap<>();
        Map<String, Long> offerCells = new HashMap<>();
        long snapshots = 0;
        long snapshotCells = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            ParsedInput parsed = parser.parse(numbering.next(line));
            if (!parsed.isValid()) {
                continue;
            }
            InputEvent e = parsed.event();
            if (e.type == InputType.NGO_AVAILABILITY) {
                long[] cells = grid.cellsTouching(e.lat, e.lon, policy.outerRadiusKm(e.radiusKm));
                snapshots++;
                snapshotCells += cells.length;
                for (long cell : cells) {
                    ngosByCell.computeIfAbsent(cell, c -> new HashSet<>()).add(e.ngoId);
                }
            } else if (e.type == InputType.OFFER_POSTED) {
                offerCells.putIfAbsent(e.offerId, grid.cellOf(e.lat, e.lon));
            }
        }
        long ngoCellPairs = 0;
        for (Set<String> ngos : ngosByCell.values()) {
            ngoCellPairs += ngos.size();
        }
        long ngosSeenByOffers = 0;
        Map<Long, Integer> offersByCell = new HashMap<>();
        for (long cell : offerCells.values()) {
            ngosSeenByOffers += ngosByCell.getOrDefault(cell, Set.of()).size();
            offersByCell.merge(cell, 1, Integer::sum);
        }
        return new DayShape(ngosByCell.size(),
                ratio(ngoCellPairs, ngosByCell.size()),
                ratio(ngosSeenByOffers, offerCells.size()),
                ratio(snapshotCells, snapshots),
                offersByCell.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    private static double ratio(long sum, long count) {
        return count == 0 ? 0 : (double) sum / count;
    }
}
