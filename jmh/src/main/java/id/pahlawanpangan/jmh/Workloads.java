package id.pahlawanpangan.jmh;

import id.pahlawanpangan.core.NgoSnapshot;
import id.pahlawanpangan.core.OfferState;
import id.pahlawanpangan.core.OfferStatus;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.workload.LookupWorkload;
import java.util.ArrayList;
import java.util.List;

/** The microbenchmarks' data: the day generator's NGOs and offers, in one city as one cell would hold them. */
final class Workloads {
    /** The busiest city: where a cell holds the most NGOs. */
    static final String CITY = "jakarta";
    static final long SEED = 42;

    private Workloads() {}

    /** The NGOs' availability snapshots, as their apps publish them. */
    static List<InputEvent> ngoSnapshots(int count) {
        return LookupWorkload.ngosIn(CITY, count, SEED);
    }

    /** The same NGOs as a cell holds them. */
    static List<NgoSnapshot> ngos(int count) {
        List<NgoSnapshot> ngos = new ArrayList<>(count);
        for (InputEvent e : ngoSnapshots(count)) {
            ngos.add(NgoSnapshot.of(e));
        }
        return ngos;
    }

    static List<InputEvent> offers(int count) {
        return LookupWorkload.offersIn(CITY, count, SEED + 1);
    }

    /** An offer as the cell matcher holds it while it looks for the first candidate. */
    static OfferState openOffer(InputEvent posted) {
        return OfferState.posted(posted);
    }
}
