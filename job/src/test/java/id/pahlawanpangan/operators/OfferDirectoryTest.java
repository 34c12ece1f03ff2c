package id.pahlawanpangan.operators;

import static id.pahlawanpangan.testing.Fixtures.HOUR;
import static id.pahlawanpangan.testing.Fixtures.T0;
import static id.pahlawanpangan.testing.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.geo.CellGrid;
import id.pahlawanpangan.testing.Fixtures;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where an offer's events meet: routing to the offer's cell, repeated postings, unknown offers. */
class OfferDirectoryTest {
    private static final CellGrid GRID = new CellGrid(10);
    private final Fixtures f = new Fixtures();
    private KeyedOneInputStreamOperatorTestHarness<String, InputEvent, InputEvent> directory;

    @BeforeEach
    void open() throws Exception {
        directory = new KeyedOneInputStreamOperatorTestHarness<>(
                new OfferDirectory(GRID, MatchPolicy.DEFAULTS), e -> e.offerId, Types.STRING);
        directory.open();
    }

    @AfterEach
    void close() throws Exception {
        directory.close();
    }

    private void send(InputEvent... events) throws Exception {
        for (InputEvent e : events) {
            directory.processElement(e, e.eventTime);
        }
    }

    private List<String> forwarded() {
        return directory.extractOutputValues().stream()
                .map(e -> e.type.wireName() + " " + e.offerId + " cell " + e.cell + " " + Fixtures.offset(e.eventTime))
                .collect(Collectors.toList());
    }

    private List<String> rejected() {
        return directory.getSideOutput(OfferDirectory.REJECTIONS) == null ? List.of()
                : directory.getSideOutput(OfferDirectory.REJECTIONS).stream()
                        .map(StreamRecord::getValue).map(Fixtures::describe).collect(Collectors.toList());
    }

    private long jakartaCell() {
        return GRID.cellOf(Fixtures.JAKARTA_LAT, Fixtures.JAKARTA_LON);
    }

    @Test
    void eventsOfAPostedOfferGoToItsCell() throws Exception {
        send(f.offer("o1").posted(), f.claimAccepted("o1", "ngo-a", minutes(1)), f.cancelled("o1", "prov-1", minutes(2)));
        directory.processWatermark(minutes(2));
        long cell = jakartaCell();
        assertThat(forwarded()).containsExactly(
                "offer.posted o1 cell " + cell + " +0m",
                "claim.accepted o1 cell " + cell + " +1m",
                "offer.cancelled o1 cell " + cell + " +2m");
        assertThat(rejected()).isEmpty();
    }

    @Test
    void aRepeatedPostingWithTheSameContentIsIgnored() throws Exception {
        send(f.offer("o1").posted(), f.offer("o1").postedAt(T0).posted());
        InputEvent again = f.offer("o1").posted();
        again.eventTime = minutes(5); // same content, later event time
        send(again);
        directory.processWatermark(minutes(5));
        assertThat(forwarded()).hasSize(1);
        assertThat(rejected()).isEmpty();
    }

    @Test
    void aRepeatedPostingWithOtherContentIsRejected() throws Exception {
        send(f.offer("o1").posted(), f.offer("o1").kg(11).postedAt(minutes(5)).posted());
        directory.processWatermark(minutes(5));
        assertThat(forwarded()).hasSize(1);
        assertThat(rejected()).containsExactly("input.rejected duplicate_offer_id @+5m");
        MatchEvent rejection = directory.getSideOutput(OfferDirectory.REJECTIONS).peek().getValue();
        assertThat(rejection.offerId).isEqualTo("o1");
        assertThat(rejection.payload).isNotBlank();
    }

    @Test
    void theFirstPostingInEventTimeWinsWhateverTheArrivalOrder() throws Exception {
        send(f.offer("o1").kg(11).postedAt(minutes(5)).posted(), f.offer("o1").posted());
        directory.processWatermark(minutes(5));
        assertThat(directory.extractOutputValues()).singleElement().satisfies(e -> assertThat(e.quantityKg).isEqualTo(10.0));
        assertThat(rejected()).containsExactly("input.rejected duplicate_offer_id @+5m");
    }

    @Test
    void claimsAndCancellationsOfOffersNeverPostedAreRejected() throws Exception {
        send(f.claimAccepted("ghost", "ngo-a", minutes(1)), f.pickup("ghost", "ngo-a", 1, minutes(2)),
                f.cancelled("ghost", "prov-1", minutes(3)));
        directory.processWatermark(minutes(3));
        assertThat(forwarded()).isEmpty();
        assertThat(rejected()).containsExactly(
                "claim.rejected ngo-a unknown_offer @+1m",
                "claim.rejected ngo-a unknown_offer @+2m",
                "input.rejected unknown_offer @+3m");
    }

    @Test
    void aClaimAtThePostingTimeComesBeforeThePosting() throws Exception {
        send(f.offer("o1").posted(), f.claimAccepted("o1", "ngo-a", T0));
        directory.processWatermark(T0);
        assertThat(rejected()).containsExactly("claim.rejected ngo-a unknown_offer @+0m");
        assertThat(forwarded()).hasSize(1);
    }

    @Test
    void aClaimArrivingBeforeItsPostingButLaterInEventTimeIsRouted() throws Exception {
        send(f.claimAccepted("o1", "ngo-a", minutes(1)), f.offer("o1").posted());
        directory.processWatermark(minutes(1));
        assertThat(forwarded()).containsExactly(
                "offer.posted o1 cell " + jakartaCell() + " +0m",
                "claim.accepted o1 cell " + jakartaCell() + " +1m");
    }

    @Test
    void thePostingIsForgottenOnceExpiryAndRetentionHavePassed() throws Exception {
        send(f.offer("o1").expiresAt(T0 + HOUR).posted());
        directory.processWatermark(T0);
        assertThat(directory.numKeyedStateEntries()).isEqualTo(1);
        long forgetAt = T0 + HOUR + 24 * HOUR + 1;
        send(f.claimAccepted("o1", "ngo-a", forgetAt - 1));
        directory.processWatermark(forgetAt - 1);
        assertThat(forwarded()).hasSize(2);
        send(f.claimAccepted("o1", "ngo-a", forgetAt));
        directory.processWatermark(forgetAt);
        assertThat(rejected()).containsExactly("claim.rejected ngo-a unknown_offer @+1500m0.001s");
        assertThat(directory.numKeyedStateEntries()).isZero();
        assertThat(directory.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateEventIsStillRouted() throws Exception {
        send(f.offer("o1").posted());
        directory.processWatermark(minutes(10));
        send(f.claimDeclined("o1", "ngo-a", minutes(5)));
        assertThat(forwarded()).hasSize(2);
        directory.processWatermark(Long.MAX_VALUE);
        assertThat(directory.numKeyedStateEntries()).isZero();
        assertThat(directory.numEventTimeTimers()).isZero();
    }
}
