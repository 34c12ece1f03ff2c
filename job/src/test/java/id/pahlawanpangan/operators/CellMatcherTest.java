package id.pahlawanpangan.operators;

import static id.pahlawanpangan.testing.Fixtures.HOUR;
import static id.pahlawanpangan.testing.Fixtures.MINUTE;
import static id.pahlawanpangan.testing.Fixtures.T0;
import static id.pahlawanpangan.testing.Fixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.OutputType;
import id.pahlawanpangan.testing.Fixtures;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The offer lifecycle (contract sections 2 to 4) through the cell operator, one rule per test.
 * Every test ends by checking that the cell keeps no timer and no state once time has run out.
 */
class CellMatcherTest {
    private final Fixtures f = new Fixtures();
    private CellHarness cell;

    @BeforeEach
    void open() throws Exception {
        cell = new CellHarness(f);
    }

    @AfterEach
    void cleanedUp() throws Exception {
        cell.assertEverythingCleanedUp();
        cell.close();
    }

    @Nested
    class Posting {
        @Test
        void anOfferWithACandidateIsProposedToItWithAClaimWindow() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m");
            MatchEvent proposed = cell.events().get(0);
            assertThat(proposed.distanceKm).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(proposed.offerId).isEqualTo("o1");
            assertThat(proposed.category).isEqualTo("cooked_meal");
        }

        @Test
        void anOfferWithoutACandidateIsEscalatedAndStaysOpenUntilAnNgoBecomesEligible() throws Exception {
            cell.send(f.offer("o1").posted());
            cell.advanceTo(minutes(5));
            assertThat(cell.newDecisions()).containsExactly("escalated no_candidate @+0m");
            cell.send(f.ngo("ngo-a").availableAt(minutes(20)));
            cell.advanceTo(minutes(20));
            assertThat(cell.newDecisions()).containsExactly("proposed ngo-a #1 tier 1 @+20m until +30m");
        }

        @Test
        void theClaimWindowEndsNoLaterThanTheOfferExpires() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").expiresAt(T0 + 12 * MINUTE).posted());
            cell.advanceTo(minutes(12));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "escalated near_expiry @+0m",
                    "hold_expired ngo-a #1 @+10m",
                    "proposed ngo-b #2 tier 1 @+10m until +12m",
                    "expired ngo-b @+12m");
        }

        @Test
        void waitingOffersAreServedInPostingOrderWhenAnNgoBecomesEligible() throws Exception {
            cell.send(f.offer("o2").postedAt(minutes(1)).posted(), f.offer("o1").postedAt(minutes(2)).posted(),
                    f.offer("o0").postedAt(minutes(2)).posted());
            cell.advanceTo(minutes(3));
            cell.newDecisions();
            cell.send(f.ngo("ngo-a").availableAt(minutes(5)));
            cell.advanceTo(minutes(5));
            List<String> order = cell.events().stream().filter(e -> e.type == OutputType.OFFER_PROPOSED)
                    .map(e -> e.offerId).collect(Collectors.toList());
            assertThat(order).containsExactly("o2", "o0", "o1");
        }
    }

    @Nested
    class Ranking {
        @Test
        void tierOneComesBeforeANearerTierTwoNgo() throws Exception {
            cell.send(f.ngo("near-tier2").kmFromOffer(3).radius(2.5).availableAt(T0 - HOUR),
                    f.ngo("far-tier1").kmFromOffer(4.5).radius(5).availableAt(T0 - HOUR),
                    f.offer("o1").posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("proposed far-tier1 #1 tier 1 @+0m until +10m");
        }

        @Test
        void withinATierTheNearerNgoComesFirstThenTheLowerId() throws Exception {
            cell.send(f.ngo("ngo-b").kmFromOffer(1).availableAt(T0 - HOUR),
                    f.ngo("ngo-c").kmFromOffer(3).availableAt(T0 - HOUR),
                    f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR),
                    f.offer("o1").posted());
            cell.advanceTo(T0);
            cell.send(f.claimDeclined("o1", "ngo-a", minutes(1)), f.claimDeclined("o1", "ngo-b", minutes(2)));
            cell.advanceTo(minutes(2));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "declined ngo-a #1 @+1m",
                    "proposed ngo-b #2 tier 1 @+1m until +11m",
                    "declined ngo-b #2 @+2m",
                    "proposed ngo-c #3 tier 1 @+2m until +12m");
        }

        @Test
        void rankingSeesEveryNgoLeftAfterOthersLeaveAndReturnInAnyOrder() throws Exception {
            // the cell's NGOs sit in slots that leaving NGOs hand to others: each change must leave
            // exactly the active NGOs behind, with their latest snapshots (five proposals allowed,
            // so that only running out of NGOs ends the cascade)
            CellHarness patient = new CellHarness(f, new MatchPolicy(Duration.ofMinutes(10), 5, Duration.ofMinutes(30), 1.5, Duration.ofHours(24)));
            patient.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR),
                    f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.ngo("ngo-c").kmFromOffer(3).availableAt(T0 - HOUR),
                    f.ngo("ngo-d").kmFromOffer(4).availableAt(T0 - HOUR));
            patient.send(f.ngo("ngo-a").inactive().availableAt(T0 - 50 * MINUTE),
                    f.ngo("ngo-b").kmFromOffer(4.5).availableAt(T0 - 40 * MINUTE),
                    f.ngo("ngo-d").inactive().availableAt(T0 - 30 * MINUTE),
                    f.ngo("ngo-a").kmFromOffer(3.5).availableAt(T0 - 20 * MINUTE),
                    f.offer("o1").posted());
            patient.advanceTo(T0);
            patient.send(f.claimDeclined("o1", "ngo-c", minutes(1)), f.claimDeclined("o1", "ngo-a", minutes(2)),
                    f.claimDeclined("o1", "ngo-b", minutes(3)));
            patient.advanceTo(minutes(3));
            assertThat(patient.decisions()).containsExactly(
                    "proposed ngo-c #1 tier 1 @+0m until +10m",
                    "declined ngo-c #1 @+1m",
                    "proposed ngo-a #2 tier 1 @+1m until +11m",
                    "declined ngo-a #2 @+2m",
                    "proposed ngo-b #3 tier 1 @+2m until +12m",
                    "declined ngo-b #3 @+3m",
                    "escalated no_candidate @+3m");
            patient.assertEverythingCleanedUp();
            patient.close();
        }

        @Test
        void tierTwoReachesTheExtendedRadiusAndNoFurther() throws Exception {
            cell.send(f.ngo("inside").kmFromOffer(7.4).radius(5).availableAt(T0 - HOUR),
                    f.ngo("outside").kmFromOffer(7.6).radius(5).availableAt(T0 - HOUR),
                    f.offer("o1").posted());
            cell.advanceTo(T0);
            cell.send(f.claimDeclined("o1", "inside", minutes(1)));
            cell.advanceTo(minutes(1));
            assertThat(cell.decisions()).containsExactly(
                    "proposed inside #1 tier 2 @+0m until +10m",
                    "declined inside #1 @+1m",
                    "escalated no_candidate @+1m");
        }

        @Test
        void theExtendedRadiusFactorIsASetting() throws Exception {
            CellHarness wide = new CellHarness(f, new MatchPolicy(Duration.ofMinutes(10), 3, Duration.ofMinutes(30), 2.0, Duration.ofHours(24)));
            wide.send(f.ngo("ngo-a").kmFromOffer(9.5).radius(5).availableAt(T0 - HOUR), f.offer("o1").posted());
            wide.advanceTo(T0);
            assertThat(wide.decisions()).containsExactly("proposed ngo-a #1 tier 2 @+0m until +10m");
            wide.assertEverythingCleanedUp();
            wide.close();
        }
    }

    @Nested
    class Eligibility {
        private void assertNotEligible(Fixtures.Ngo ngo, Fixtures.Offer offer) throws Exception {
            cell.send(ngo.availableAt(T0 - HOUR), offer.posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("escalated no_candidate @+0m");
        }

        @Test
        void anInactiveNgoIsNotEligible() throws Exception {
            assertNotEligible(f.ngo("ngo-a").inactive(), f.offer("o1"));
        }

        @Test
        void theCategoryMustBeAccepted() throws Exception {
            assertNotEligible(f.ngo("ngo-a").accepts(Category.BAKERY, Category.DAIRY), f.offer("o1").category(Category.PRODUCE));
        }

        @Test
        void aHalalOnlyNgoTakesOnlyHalalFood() throws Exception {
            assertNotEligible(f.ngo("ngo-a").halalOnly(), f.offer("o1").halal(false));
        }

        @Test
        void aVegetarianOnlyNgoTakesOnlyVegetarianFood() throws Exception {
            assertNotEligible(f.ngo("ngo-a").vegetarianOnly(), f.offer("o1").vegetarian(false));
        }

        @Test
        void foodThatNeedsColdChainGoesOnlyToNgosWithOne() throws Exception {
            assertNotEligible(f.ngo("ngo-a"), f.offer("o1").needsColdChain(true));
        }

        @Test
        void theNgoMustHaveCapacityForTheWholeOffer() throws Exception {
            assertNotEligible(f.ngo("ngo-a").capacity(9.9), f.offer("o1").kg(10));
        }

        @Test
        void restrictionsThatTheOfferMeetsDoNotExclude() throws Exception {
            cell.send(f.ngo("ngo-a").halalOnly().vegetarianOnly().coldChain().capacity(10).accepts(Category.DAIRY).availableAt(T0 - HOUR),
                    f.offer("o1").category(Category.DAIRY).halal(true).vegetarian(true).needsColdChain(true).kg(10).posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m");
        }

        @Test
        void anNgoIsNeverProposedTheSameOfferTwice() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(), f.claimDeclined("o1", "ngo-a", minutes(1)));
            cell.advanceTo(minutes(1));
            cell.send(f.ngo("ngo-a").capacity(200).availableAt(minutes(2)));
            cell.advanceTo(minutes(2));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "declined ngo-a #1 @+1m",
                    "escalated no_candidate @+1m");
        }
    }

    @Nested
    class Holding {
        @Test
        void theHolderClaimsWithinItsWindow() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(), f.claimAccepted("o1", "ngo-a", minutes(9.99)));
            cell.advanceTo(minutes(30));
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m", "claimed ngo-a #1 @+9m59.4s");
        }

        @Test
        void aRepeatedClaimFromTheClaimerIsIgnored() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(),
                    f.claimAccepted("o1", "ngo-a", minutes(2)), f.claimAccepted("o1", "ngo-a", minutes(3)));
            cell.advanceTo(minutes(30));
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m", "claimed ngo-a #1 @+2m");
        }

        @Test
        void aDeclineEndsTheHoldAndTheNextNgoIsProposedAtOnce() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").posted(), f.claimDeclined("o1", "ngo-a", minutes(4)));
            cell.advanceTo(minutes(5));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "declined ngo-a #1 @+4m",
                    "proposed ngo-b #2 tier 1 @+4m until +14m");
        }

        @Test
        void anUnansweredHoldExpiresAndTheOfferCascades() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").posted());
            cell.advanceTo(minutes(15));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "hold_expired ngo-a #1 @+10m",
                    "proposed ngo-b #2 tier 1 @+10m until +20m");
        }

        @Test
        void aClaimAtTheEndOfTheWindowIsTooLate() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(), f.claimAccepted("o1", "ngo-a", minutes(10)));
            cell.advanceTo(minutes(10));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "hold_expired ngo-a #1 @+10m",
                    "escalated no_candidate @+10m",
                    "claim.rejected ngo-a not_holder @+10m");
        }

        @Test
        void whenNoOneIsLeftTheOfferIsEscalatedAndGoesOpen() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted());
            cell.advanceTo(minutes(10));
            assertThat(cell.newDecisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "hold_expired ngo-a #1 @+10m",
                    "escalated no_candidate @+10m");
            cell.send(f.ngo("ngo-b").availableAt(minutes(12)));
            cell.advanceTo(minutes(12));
            assertThat(cell.newDecisions()).containsExactly("proposed ngo-b #2 tier 1 @+12m until +22m");
        }

        @Test
        void theClaimerBackingOutCascadesAsADecline() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").posted(), f.claimAccepted("o1", "ngo-a", minutes(1)), f.claimDeclined("o1", "ngo-a", minutes(20)));
            cell.advanceTo(minutes(21));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "claimed ngo-a #1 @+1m",
                    "declined ngo-a #1 @+20m",
                    "proposed ngo-b #2 tier 1 @+20m until +30m");
        }
    }

    @Nested
    class Escalation {
        @Test
        void theMaxProposalsThProposalEndingWithoutAClaimEscalatesBeforeTheNextProposal() throws Exception {
            for (int i = 1; i <= 4; i++) {
                cell.send(f.ngo("ngo-" + i).kmFromOffer(i).availableAt(T0 - HOUR));
            }
            cell.send(f.offer("o1").posted(), f.claimDeclined("o1", "ngo-1", minutes(1)), f.claimDeclined("o1", "ngo-2", minutes(2)));
            cell.advanceTo(minutes(13));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-1 #1 tier 1 @+0m until +10m",
                    "declined ngo-1 #1 @+1m",
                    "proposed ngo-2 #2 tier 1 @+1m until +11m",
                    "declined ngo-2 #2 @+2m",
                    "proposed ngo-3 #3 tier 1 @+2m until +12m",
                    "hold_expired ngo-3 #3 @+12m",
                    "escalated max_proposals @+12m",
                    "proposed ngo-4 #4 tier 1 @+12m until +22m");
        }

        @Test
        void anOfferIsEscalatedAtMostOnce() throws Exception {
            cell.send(f.offer("o1").posted());
            cell.advanceTo(minutes(1));
            cell.send(f.ngo("ngo-a").availableAt(minutes(2)));
            cell.advanceTo(Long.MAX_VALUE - 1);
            // no_candidate at posting; neither the lone proposal's end nor the near-expiry check escalates again
            assertThat(cell.decisions()).filteredOn(d -> d.startsWith("escalated")).containsExactly("escalated no_candidate @+0m");
        }

        @Test
        void anOfferNotClaimedHalfAnHourBeforeItExpiresIsEscalated() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").expiresAt(T0 + 40 * MINUTE).posted(), f.claimDeclined("o1", "ngo-a", minutes(5)));
            cell.advanceTo(minutes(20));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "declined ngo-a #1 @+5m",
                    "proposed ngo-b #2 tier 1 @+5m until +15m",
                    "escalated near_expiry @+10m",
                    "hold_expired ngo-b #2 @+15m");
        }

        @Test
        void theEscalationLeadTimeIsASetting() throws Exception {
            CellHarness early = new CellHarness(f, new MatchPolicy(Duration.ofMinutes(10), 3, Duration.ofMinutes(35), 1.5, Duration.ofHours(24)));
            early.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").expiresAt(T0 + 40 * MINUTE).posted());
            early.advanceTo(minutes(6));
            assertThat(early.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m", "escalated near_expiry @+5m");
            early.assertEverythingCleanedUp();
            early.close();
        }

        @Test
        void aClaimedOfferIsNotEscalatedForNearExpiry() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").expiresAt(T0 + HOUR).posted(),
                    f.claimAccepted("o1", "ngo-a", minutes(5)));
            cell.advanceTo(minutes(59));
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m", "claimed ngo-a #1 @+5m");
        }

        @Test
        void aNearExpiryCheckDueAtPostingFiresRightAfterTheProposal() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").expiresAt(T0 + 20 * MINUTE).posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "escalated near_expiry @+0m");
        }

        @Test
        void aNearExpiryCheckDueAtPostingDoesNotEscalateTwice() throws Exception {
            cell.send(f.offer("o1").expiresAt(T0 + 20 * MINUTE).posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("escalated no_candidate @+0m");
        }
    }

    @Nested
    class Closing {
        @Test
        void anOpenOfferExpires() throws Exception {
            cell.send(f.offer("o1").expiresAt(T0 + HOUR).posted());
            cell.advanceTo(minutes(60));
            assertThat(cell.decisions()).containsExactly("escalated no_candidate @+0m", "expired @+60m");
        }

        @Test
        void aHeldOfferExpiresNamingItsHolder() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").expiresAt(T0 + 5 * MINUTE).posted());
            cell.advanceTo(minutes(5));
            // the offer's expiry comes before the hold's, both due at +5m
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +5m",
                    "escalated near_expiry @+0m",
                    "expired ngo-a @+5m");
        }

        @Test
        void aClaimedOfferNotPickedUpByItsExpiryIsAMissedPickup() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").expiresAt(T0 + HOUR).posted(),
                    f.claimAccepted("o1", "ngo-a", minutes(2)));
            cell.advanceTo(minutes(60));
            assertThat(cell.decisions()).endsWith("pickup_missed ngo-a @+60m");
        }

        @Test
        void thePickupByTheClaimerCompletesTheOffer() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(),
                    f.claimAccepted("o1", "ngo-a", minutes(2)), f.pickup("o1", "ngo-a", 9.5, minutes(40)));
            cell.advanceTo(minutes(300));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "claimed ngo-a #1 @+2m",
                    "completed ngo-a 9.5 kg @+40m");
        }

        @Test
        void theProviderCancelsNamingTheHolder() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(), f.cancelled("o1", "prov-1", minutes(3)));
            cell.advanceTo(minutes(300));
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m", "cancelled ngo-a @+3m");
        }

        @Test
        void aCancellationOfAnOpenOfferNamesNoOne() throws Exception {
            cell.send(f.offer("o1").posted(), f.cancelled("o1", "prov-1", minutes(3)));
            cell.advanceTo(minutes(300));
            assertThat(cell.decisions()).containsExactly("escalated no_candidate @+0m", "cancelled @+3m");
        }

        @Test
        void nothingIsDecidedAfterATerminalStateButRejections() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(), f.cancelled("o1", "prov-1", minutes(3)),
                    f.claimAccepted("o1", "ngo-a", minutes(4)), f.pickup("o1", "ngo-a", 1, minutes(5)),
                    f.cancelled("o1", "prov-1", minutes(6)), f.ngo("ngo-b").availableAt(minutes(7)));
            cell.advanceTo(minutes(300));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "cancelled ngo-a @+3m",
                    "claim.rejected ngo-a offer_closed @+4m",
                    "claim.rejected ngo-a offer_closed @+5m",
                    "input.rejected offer_closed @+6m");
        }
    }

    @Nested
    class ClaimsThatDoNotFit {
        @Test
        void aClaimOrDeclineFromAnNgoThatDoesNotHoldTheOfferIsRejected() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(),
                    f.claimAccepted("o1", "ngo-x", minutes(1)), f.claimDeclined("o1", "ngo-x", minutes(2)),
                    f.claimAccepted("o1", "ngo-a", minutes(3)), f.claimAccepted("o1", "ngo-x", minutes(4)),
                    f.claimDeclined("o1", "ngo-x", minutes(5)));
            cell.advanceTo(minutes(6));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "claim.rejected ngo-x not_holder @+1m",
                    "claim.rejected ngo-x not_holder @+2m",
                    "claimed ngo-a #1 @+3m",
                    "claim.rejected ngo-x not_holder @+4m",
                    "claim.rejected ngo-x not_holder @+5m");
        }

        @Test
        void aPickupFromAnNgoThatHasNotClaimedIsRejected() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(),
                    f.pickup("o1", "ngo-a", 5, minutes(1)), f.claimAccepted("o1", "ngo-a", minutes(2)),
                    f.pickup("o1", "ngo-x", 5, minutes(3)));
            cell.advanceTo(minutes(4));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "claim.rejected ngo-a not_claimer @+1m",
                    "claimed ngo-a #1 @+2m",
                    "claim.rejected ngo-x not_claimer @+3m");
        }

        @Test
        void aCancellationByAnotherProviderIsRejected() throws Exception {
            cell.send(f.offer("o1").posted(), f.cancelled("o1", "prov-2", minutes(1)));
            cell.advanceTo(minutes(2));
            assertThat(cell.decisions()).containsExactly("escalated no_candidate @+0m", "input.rejected not_provider @+1m");
            MatchEvent rejected = cell.events().get(1);
            assertThat(rejected.payload).contains("offer.cancelled");
        }

        @Test
        void claimsAfterTheRetentionFindNoOffer() throws Exception {
            cell.send(f.offer("o1").expiresAt(T0 + HOUR).posted(),
                    f.claimAccepted("o1", "ngo-a", T0 + 25 * HOUR),
                    f.claimAccepted("o1", "ngo-a", T0 + 25 * HOUR + 1));
            cell.advanceTo(T0 + 26 * HOUR);
            // closed at +60m: offer_closed until exactly 24 h later, unknown_offer after
            assertThat(cell.decisions()).containsExactly(
                    "escalated no_candidate @+0m",
                    "expired @+60m",
                    "claim.rejected ngo-a offer_closed @+1500m",
                    "claim.rejected ngo-a unknown_offer @+1500m0.001s");
        }

        @Test
        void aTombstoneIsRemovedAfterTheRetention() throws Exception {
            cell.send(f.offer("o1").expiresAt(T0 + HOUR).posted());
            cell.advanceTo(T0 + HOUR);
            assertThat(cell.stateEntries()).as("the tombstone and its due entry").isEqualTo(2);
            cell.advanceTo(T0 + 25 * HOUR + 1);
            assertThat(cell.stateEntries()).isZero();
            assertThat(cell.timers()).isZero();
        }
    }

    @Nested
    class Order {
        @Test
        void inputsArrivingOutOfOrderAreAppliedInEventTimeOrder() throws Exception {
            cell.send(f.claimAccepted("o1", "ngo-a", minutes(2)), f.offer("o1").posted(), f.ngo("ngo-a").availableAt(T0 - HOUR));
            cell.advanceTo(minutes(3));
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m", "claimed ngo-a #1 @+2m");
        }

        @Test
        void atEqualTimeAHoldExpiresBeforeAClaimIsApplied() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted());
            cell.advanceTo(minutes(5));
            cell.send(f.claimAccepted("o1", "ngo-a", minutes(10)));
            cell.advanceTo(minutes(10));
            assertThat(cell.decisions()).containsSubsequence("hold_expired ngo-a #1 @+10m", "claim.rejected ngo-a not_holder @+10m");
        }

        @Test
        void atEqualTimeTimersFireBeforeAnAvailabilityIsApplied() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(), f.ngo("ngo-b").availableAt(minutes(10)));
            cell.advanceTo(minutes(10));
            // ngo-b's snapshot at +10m is not yet known when the hold ends at +10m
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "hold_expired ngo-a #1 @+10m",
                    "escalated no_candidate @+10m",
                    "proposed ngo-b #2 tier 1 @+10m until +20m");
        }

        @Test
        void atEqualTimeAnAvailabilityIsAppliedBeforeAPosting() throws Exception {
            cell.send(f.offer("o1").posted(), f.ngo("ngo-a").availableAt(T0));
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m");
        }

        @Test
        void atEqualTimeACancellationComesBeforeClaims() throws Exception {
            cell.send(f.ngo("ngo-a").availableAt(T0 - HOUR), f.offer("o1").posted(),
                    f.claimAccepted("o1", "ngo-a", minutes(3)), f.cancelled("o1", "prov-1", minutes(3)));
            cell.advanceTo(minutes(3));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "cancelled ngo-a @+3m",
                    "claim.rejected ngo-a offer_closed @+3m");
        }

        @Test
        void atEqualTimeADeclineComesBeforeAClaimAndAClaimBeforeAPickup() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").posted(),
                    f.pickup("o1", "ngo-b", 3, minutes(3)), f.claimAccepted("o1", "ngo-b", minutes(3)),
                    f.claimDeclined("o1", "ngo-a", minutes(3)));
            cell.advanceTo(minutes(3));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "declined ngo-a #1 @+3m",
                    "proposed ngo-b #2 tier 1 @+3m until +13m",
                    "claimed ngo-b #2 @+3m",
                    "completed ngo-b 3.0 kg @+3m");
        }

        @Test
        void atEqualTimeAndTypeTheStreamOrderDecides() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").posted());
            var first = f.claimDeclined("o1", "ngo-a", minutes(3));
            var second = f.claimDeclined("o1", "ngo-b", minutes(3));
            cell.send(second, first);
            cell.advanceTo(minutes(3));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "declined ngo-a #1 @+3m",
                    "proposed ngo-b #2 tier 1 @+3m until +13m",
                    "declined ngo-b #2 @+3m",
                    "escalated no_candidate @+3m");
        }

        @Test
        void anEventLaterThanTheWatermarkIsStillApplied() throws Exception {
            cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                    f.offer("o1").posted());
            cell.advanceTo(minutes(5));
            cell.send(f.claimDeclined("o1", "ngo-a", minutes(4)));
            assertThat(cell.decisions()).containsExactly(
                    "proposed ngo-a #1 tier 1 @+0m until +10m",
                    "declined ngo-a #1 @+4m",
                    "proposed ngo-b #2 tier 1 @+4m until +14m");
        }

        @Test
        void anAvailabilitySnapshotOlderThanTheOneHeldIsIgnored() throws Exception {
            cell.send(f.ngo("ngo-a").capacity(5).availableAt(T0 - HOUR));
            cell.advanceTo(T0 - HOUR);
            // arrives after the watermark passed it, and is older than the snapshot held
            cell.send(f.ngo("ngo-a").capacity(100).availableAt(T0 - 2 * HOUR), f.offer("o1").posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("escalated no_candidate @+0m");
        }

        @Test
        void aNewerSnapshotReplacesTheOneHeld() throws Exception {
            cell.send(f.ngo("ngo-a").capacity(5).availableAt(T0 - 2 * HOUR), f.ngo("ngo-a").capacity(100).availableAt(T0 - HOUR),
                    f.offer("o1").posted());
            cell.advanceTo(T0);
            assertThat(cell.decisions()).containsExactly("proposed ngo-a #1 tier 1 @+0m until +10m");
        }
    }

    @Test
    void eventIdsAreUniqueAndNameTheOfferAndTheCause() throws Exception {
        cell.send(f.ngo("ngo-a").kmFromOffer(1).availableAt(T0 - HOUR), f.ngo("ngo-b").kmFromOffer(2).availableAt(T0 - HOUR),
                f.offer("o1").posted(), f.claimDeclined("o1", "ngo-a", minutes(1)));
        cell.advanceTo(Long.MAX_VALUE - 1);
        List<String> ids = cell.events().stream().map(e -> e.eventId).collect(Collectors.toList());
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids).allMatch(id -> id.startsWith("o1/"));
        assertThat(ids.get(0)).isEqualTo("o1/o1/0"); // caused by the first event of the offer stream
        assertThat(ids).contains("o1/c1/0", "o1/c1/1", "o1/H" + (T0 + 11 * MINUTE) + "/0");
    }
}
