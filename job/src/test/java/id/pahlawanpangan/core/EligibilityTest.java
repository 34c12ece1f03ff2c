package id.pahlawanpangan.core;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.geo.GreatCircle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The ranking compares haversines instead of distances where their order is certain. It must
 * give exactly what contract section 3 says, computed here the plain way: every eligible NGO's
 * great-circle distance, tier 1 before tier 2, nearer first, then by NGO id. The generated NGOs
 * sit on the bounds on purpose: at their radius, at the extended radius, at the same place as
 * the offer or as each other, at equal distances in different directions.
 */
class EligibilityTest {
    private static final MatchPolicy POLICY = MatchPolicy.DEFAULTS;
    private static final double OFFER_LAT = -6.2;
    private static final double OFFER_LON = 106.8;

    @Property(tries = 2000, seed = "20261130")
    void bestIsTheContractsRanking(@ForAll("cells") List<NgoSnapshot> cell, @ForAll("offers") OfferState offer) {
        Eligibility eligibility = new Eligibility(POLICY);
        Candidate expected = bestByDefinition(offer, cell);
        Candidate actual = eligibility.best(offer, NgoTable.of(cell));
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).isNotNull();
            assertThat(actual.ngoId()).isEqualTo(expected.ngoId());
            assertThat(actual.tier()).isEqualTo(expected.tier());
            assertThat(actual.distanceKm()).isEqualTo(expected.distanceKm());
        }
        for (NgoSnapshot ngo : cell) {
            assertThat(eligibility.eligible(offer, ngo)).as("eligible %s", ngo).isEqualTo(candidateByDefinition(offer, ngo) != null);
        }
    }

    /**
     * A cell's table lives long: snapshots replace each other in their slots and leaving NGOs'
     * slots take the last one. After every change it must rank as its NGOs would, fresh.
     */
    @Property(tries = 300, seed = "20261130")
    void aTableRanksAsItsNgosAfterEveryChange(@ForAll("cells") List<NgoSnapshot> arriving,
                                              @ForAll("cells") List<NgoSnapshot> replacing,
                                              @ForAll("offers") OfferState offer) {
        Eligibility eligibility = new Eligibility(POLICY);
        NgoTable table = new NgoTable();
        java.util.Map<String, NgoSnapshot> model = new java.util.TreeMap<>();
        List<NgoSnapshot> changes = new ArrayList<>(arriving);
        changes.addAll(replacing);
        int step = 0;
        for (NgoSnapshot ngo : changes) {
            if (step++ % 3 == 2) {
                assertThat(table.remove(ngo.ngoId)).isEqualTo(model.remove(ngo.ngoId));
            } else {
                assertThat(table.put(ngo)).isEqualTo(model.put(ngo.ngoId, ngo));
            }
            assertThat(table.size()).isEqualTo(model.size());
            Candidate expected = bestByDefinition(offer, new ArrayList<>(model.values()));
            Candidate actual = eligibility.best(offer, table);
            assertThat(actual == null ? null : actual.toString()).isEqualTo(expected == null ? null : expected.toString());
        }
    }

    @Test
    void aTieInDistanceGoesToTheSmallerNgoId() {
        OfferState offer = offer(Category.COOKED_MEAL, 10);
        // the same distance north and south of the offer
        double dLat = 3 / (Math.toRadians(1) * GreatCircle.EARTH_RADIUS_KM);
        NgoSnapshot north = ngo("ngo-b", OFFER_LAT + dLat, OFFER_LON, 5);
        NgoSnapshot south = ngo("ngo-a", OFFER_LAT - dLat, OFFER_LON, 5);
        NgoSnapshot sameAsNorth = ngo("ngo-c", OFFER_LAT + dLat, OFFER_LON, 5);
        Candidate best = new Eligibility(POLICY).best(offer, NgoTable.of(List.of(sameAsNorth, north, south)));
        Candidate expected = bestByDefinition(offer, List.of(sameAsNorth, north, south));
        assertThat(best.ngoId()).isEqualTo(expected.ngoId());
        assertThat(new Eligibility(POLICY).best(offer, NgoTable.of(List.of(north, sameAsNorth))).ngoId()).isEqualTo("ngo-b");
    }

    @Test
    void anNgoExactlyAtItsRadiusIsTierOneAndJustBeyondItTierTwo() {
        OfferState offer = offer(Category.COOKED_MEAL, 10);
        double radiusKm = 5;
        double dLat = radiusKm / (Math.toRadians(1) * GreatCircle.EARTH_RADIUS_KM);
        for (double lat : new double[] {Math.nextDown(OFFER_LAT + dLat), OFFER_LAT + dLat, Math.nextUp(OFFER_LAT + dLat)}) {
            NgoSnapshot ngo = ngo("ngo-a", lat, OFFER_LON, radiusKm);
            Candidate expected = candidateByDefinition(offer, ngo);
            Candidate actual = new Eligibility(POLICY).best(offer, NgoTable.of(List.of(ngo)));
            assertThat(actual.tier()).isEqualTo(expected.tier());
            assertThat(actual.distanceKm()).isEqualTo(expected.distanceKm());
        }
    }

    @Test
    void theReachFollowsAChangedRadiusAndAnotherPolicy() {
        OfferState offer = offer(Category.COOKED_MEAL, 10);
        double dLat = 7 / (Math.toRadians(1) * GreatCircle.EARTH_RADIUS_KM);
        NgoSnapshot ngo = ngo("ngo-a", OFFER_LAT + dLat, OFFER_LON, 5);
        assertThat(new Eligibility(POLICY).best(offer, NgoTable.of(List.of(ngo))).tier()).isEqualTo(2);
        ngo.radiusKm = 10;
        assertThat(new Eligibility(POLICY).best(offer, NgoTable.of(List.of(ngo))).tier()).isEqualTo(1);
        ngo.radiusKm = 5;
        MatchPolicy narrow = new MatchPolicy(Duration.ofMinutes(10), 3, Duration.ofMinutes(30), 1.2, Duration.ofHours(24));
        assertThat(new Eligibility(narrow).best(offer, NgoTable.of(List.of(ngo)))).isNull();
    }

    /** The contract's section 3, the plain way: what the ranking did before it compared haversines. */
    private static Candidate candidateByDefinition(OfferState offer, NgoSnapshot ngo) {
        if (!ngo.active || !offer.category.isIn(ngo.accepts) || (ngo.halalOnly && !offer.halal)
                || (ngo.vegetarianOnly && !offer.vegetarian) || (offer.needsColdChain && !ngo.hasColdChain)
                || ngo.capacityKg < offer.quantityKg || offer.wasProposedTo(ngo.ngoId)) {
            return null;
        }
        double km = GreatCircle.distanceKm(offer.lat, offer.lon, ngo.lat, ngo.lon);
        if (km > POLICY.outerRadiusKm(ngo.radiusKm)) {
            return null;
        }
        return new Candidate(ngo.ngoId, km <= ngo.radiusKm ? 1 : 2, km);
    }

    private static Candidate bestByDefinition(OfferState offer, List<NgoSnapshot> ngos) {
        Candidate best = null;
        for (NgoSnapshot ngo : ngos) {
            Candidate c = candidateByDefinition(offer, ngo);
            if (c != null && (best == null || c.compareTo(best) < 0)) {
                best = c;
            }
        }
        return best;
    }

    @Provide
    Arbitrary<OfferState> offers() {
        return Combinators.combine(
                        Arbitraries.of(Category.values()),
                        Arbitraries.doubles().between(1, 200),
                        Arbitraries.of(new String[0], new String[] {"ngo-3"}, new String[] {"ngo-1", "ngo-7"}))
                .as((category, kg, proposedTo) -> {
                    OfferState s = offer(category, kg);
                    s.proposedTo = proposedTo;
                    return s;
                });
    }

    @Provide
    Arbitrary<List<NgoSnapshot>> cells() {
        // distances in km: on the radius, on the extended radius, near them, anywhere, or nothing
        Arbitrary<Double> radius = Arbitraries.of(0.5, 3.0, 5.0, 10.0, 50.0).injectDuplicates(0.3);
        Arbitrary<Tuple.Tuple3<Double, Double, Double>> placement = Combinators.combine(
                        radius,
                        Arbitraries.of(0.0, 1.0, POLICY.outerRadiusKm(1), 0.5, 0.999999999, 1.000000001,
                                        POLICY.outerRadiusKm(1) * 0.999999999, POLICY.outerRadiusKm(1) * 1.000000001)
                                .injectDuplicates(0.2)
                                .edgeCases(e -> e.includeOnly(0.0, 1.0)),
                        Arbitraries.doubles().between(0, 6.2832).ofScale(4).injectDuplicates(0.3))
                .as(Tuple::of);
        Arbitrary<NgoSnapshot> ngo = Combinators.combine(
                        placement,
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(1, 1 << Category.values().length - 1),
                        Arbitraries.doubles().between(0, 300),
                        Arbitraries.of(true, true, true, false))
                .as((place, kind, accepts, capacity, active) -> {
                    double radiusKm = place.get1();
                    double km = place.get2() * radiusKm;
                    double bearing = place.get3();
                    double perDegree = Math.toRadians(1) * GreatCircle.EARTH_RADIUS_KM;
                    double lat = OFFER_LAT + km * Math.cos(bearing) / perDegree;
                    double lon = OFFER_LON + km * Math.sin(bearing) / (perDegree * Math.cos(Math.toRadians(OFFER_LAT)));
                    NgoSnapshot n = ngo("ngo", lat, lon, radiusKm);
                    n.accepts = accepts;
                    n.capacityKg = capacity;
                    n.active = active;
                    n.halalOnly = kind % 3 == 0;
                    n.hasColdChain = kind % 2 == 0;
                    return n;
                });
        return ngo.list().ofMaxSize(12).map(EligibilityTest::distinctIds);
    }

    private static List<NgoSnapshot> distinctIds(List<NgoSnapshot> ngos) {
        List<NgoSnapshot> cell = new ArrayList<>();
        for (int i = 0; i < ngos.size(); i++) {
            NgoSnapshot n = ngos.get(i);
            n.ngoId = "ngo-" + i; // one snapshot per NGO in a cell; some are in the offers' proposedTo
            cell.add(n);
        }
        return cell;
    }

    private static OfferState offer(Category category, double kg) {
        OfferState s = new OfferState();
        s.offerId = "offer-1";
        s.lat = OFFER_LAT;
        s.lon = OFFER_LON;
        s.category = category;
        s.quantityKg = kg;
        s.halal = true;
        s.status = OfferStatus.OPEN;
        return s;
    }

    private static NgoSnapshot ngo(String id, double lat, double lon, double radiusKm) {
        NgoSnapshot n = new NgoSnapshot();
        n.ngoId = id;
        n.lat = lat;
        n.lon = lon;
        n.radiusKm = radiusKm;
        n.capacityKg = 1000;
        n.accepts = (1 << Category.values().length) - 1;
        n.active = true;
        return n;
    }
}
