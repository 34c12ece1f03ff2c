package id.pahlawanpangan.jmh;

import id.pahlawanpangan.core.Candidate;
import id.pahlawanpangan.core.Eligibility;
import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.core.NgoTable;
import id.pahlawanpangan.core.OfferState;
import id.pahlawanpangan.events.InputEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cell matcher's search for an offer's best candidate among the NGOs of its cell
 * ({@link Eligibility#best}), for cells of 50, 300 and 2,000 NGOs. Each call asks about another of
 * 1,024 generated offers, so branch predictors cannot learn one offer's answer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CandidateSearchBenchmark {
    private static final int OFFERS = 1024;

    @Param({"50", "300", "2000"})
    int ngosInCell;

    private final Eligibility eligibility = new Eligibility(MatchPolicy.DEFAULTS);
    private NgoTable cell;
    private OfferState[] offers;
    private int next;

    @Setup
    public void setUp() {
        cell = NgoTable.of(Workloads.ngos(ngosInCell));
        List<InputEvent> posted = Workloads.offers(OFFERS);
        offers = new OfferState[OFFERS];
        for (int i = 0; i < OFFERS; i++) {
            offers[i] = Workloads.openOffer(posted.get(i));
        }
    }

    @Benchmark
    public Candidate best() {
        OfferState offer = offers[next++ & (OFFERS - 1)];
        return eligibility.best(offer, cell);
    }
}
