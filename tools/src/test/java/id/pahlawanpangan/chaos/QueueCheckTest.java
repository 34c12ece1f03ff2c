package id.pahlawanpangan.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueCheckTest {
    private static MatchEvent event(String id, String offer, OutputType type, long at) {
        MatchEvent e = new MatchEvent();
        e.eventId = id;
        e.offerId = offer;
        e.type = type;
        e.at = at;
        e.ngoId = "ngo-1";
        e.attempt = 1;
        return e;
    }

    private static final MatchEvent PROPOSED = event("e1", "o1", OutputType.OFFER_PROPOSED, 1000);
    private static final MatchEvent CLAIMED = event("e2", "o1", OutputType.OFFER_CLAIMED, 2000);
    private static final MatchEvent OTHER = event("e3", "o2", OutputType.OFFER_PROPOSED, 1500);
    private static final MatchEvent AFTER_CUT = event("e4", "o2", OutputType.OFFER_HOLD_EXPIRED, 9000);
    private static final List<MatchEvent> REPLAY = List.of(PROPOSED, OTHER, CLAIMED, AFTER_CUT);

    private static List<String> json(MatchEvent... events) {
        List<String> out = new ArrayList<>();
        for (MatchEvent e : events) {
            out.add(MatchEventJson.write(e));
        }
        return out;
    }

    private final QueueCheck check = new QueueCheck(REPLAY, 5000);

    @Test
    void everyDecisionUpToTheCutOnceInOrderPasses() {
        QueueCheck.Result r = check.check("stream", json(PROPOSED, OTHER, CLAIMED), true);
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.expected()).isEqualTo(3);
    }

    @Test
    void aDecisionAfterTheCutMayBeThereOrNot() {
        assertThat(check.check("stream", json(PROPOSED, OTHER, CLAIMED, AFTER_CUT), true).ok()).isTrue();
    }

    @Test
    void aLostDecisionIsMissing() {
        QueueCheck.Result r = check.check("PostGIS", json(PROPOSED, OTHER), false);
        assertThat(r.ok()).isFalse();
        assertThat(r.missing()).containsExactly(MatchEventJson.write(CLAIMED));
    }

    @Test
    void aDecisionTwiceIsADuplicate() {
        QueueCheck.Result r = check.check("PostGIS", json(PROPOSED, OTHER, CLAIMED, CLAIMED), false);
        assertThat(r.duplicated()).containsExactly(MatchEventJson.write(CLAIMED));
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aDecisionTheReplayDidNotMakeIsUnexpectedAndSoIsOneWithOtherContent() {
        MatchEvent stranger = event("e9", "o9", OutputType.OFFER_ESCALATED, 1200);
        MatchEvent changed = event("e2", "o1", OutputType.OFFER_CLAIMED, 2000);
        changed.ngoId = "ngo-2";
        QueueCheck.Result r = check.check("PostGIS", json(PROPOSED, OTHER, changed, stranger), false);
        assertThat(r.unexpected()).hasSize(2);
        assertThat(r.missing()).as("the replay's e2 was not found as it is").isEmpty();
        assertThat(r.ok()).isFalse();
    }

    @Test
    void anOffersDecisionsOutOfDecisionOrderFailOnlyWhereOrderIsKept() {
        List<String> swapped = json(CLAIMED, OTHER, PROPOSED);
        QueueCheck.Result stream = check.check("stream", swapped, true);
        assertThat(stream.outOfOrder()).hasSize(1).allMatch(s -> s.startsWith("o1"));
        assertThat(check.check("PostGIS", swapped, false).ok()).as("a table keeps no order").isTrue();
    }
}
