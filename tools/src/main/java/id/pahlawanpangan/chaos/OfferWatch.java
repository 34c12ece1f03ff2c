package id.pahlawanpangan.chaos;

import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.MatchEventJson;
import id.pahlawanpangan.events.OutputType;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the NGOs' apps see during a chaos run: each offer's first decision (a proposal, or an
 * escalation for want of candidates) as it arrives on the output subjects, timed by the wall
 * clock from the moment the offer was published; and, as the NGOs, answers to proposals within
 * three seconds (half accepted, a tenth declined, the rest left to run out). Core NATS, not a
 * consumer: a message missed while nats-server is down only costs a measurement, never a check
 * (the check reads the output stream itself).
 */
final class OfferWatch implements AutoCloseable {
    /** An NGO's answer, due at a wall-clock time, for the load's thread to publish. */
    record Answer(String offerId, String ngoId, boolean accept, long due) {}

    /** An offer's first decision: published at, decided (received) at. */
    record FirstDecision(long publishedAt, long receivedAt) {
        long latency() {
            return receivedAt - publishedAt;
        }
    }

    private final Dispatcher dispatcher;
    private final String subjects;
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    /** By publishing time: the offers' first decisions (absent: none received yet). */
    private final NavigableMap<Long, List<String>> byPublishTime = new ConcurrentSkipListMap<>();
    private final Map<String, FirstDecision> first = new ConcurrentHashMap<>();
    private final PriorityBlockingQueue<Answer> answers = new PriorityBlockingQueue<>(1024, Comparator.comparingLong(Answer::due));

    OfferWatch(Connection nats, String outputSubjects) {
        this.subjects = outputSubjects + ".>";
        this.dispatcher = nats.createDispatcher(m -> seen(MatchEventJson.read(new String(m.getData(), StandardCharsets.UTF_8)),
                System.currentTimeMillis()));
        dispatcher.subscribe(subjects);
    }

    void posted(String offerId, long at) {
        publishedAt.put(offerId, at);
        byPublishTime.computeIfAbsent(at, k -> new ArrayList<>(1)).add(offerId);
    }

    /** The next answer due by {@code now}, or null. */
    Answer nextAnswerDue(long now) {
        Answer a = answers.peek();
        return a != null && a.due <= now ? answers.poll() : null;
    }

    private void seen(MatchEvent e, long arrivedAt) {
        Long posted = e.offerId == null ? null : publishedAt.get(e.offerId);
        if (posted == null) {
            return;
        }
        if (e.type == OutputType.OFFER_PROPOSED || e.type == OutputType.OFFER_ESCALATED) {
            first.putIfAbsent(e.offerId, new FirstDecision(posted, arrivedAt));
        }
        if (e.type == OutputType.OFFER_PROPOSED) {
            double r = ThreadLocalRandom.current().nextDouble();
            long due = arrivedAt + ThreadLocalRandom.current().nextLong(3000);
            if (r < 0.5) {
                answers.add(new Answer(e.offerId, e.ngoId, true, due));
            } else if (r < 0.6) {
                answers.add(new Answer(e.offerId, e.ngoId, false, due));
            }
        }
    }

    /**
     * The first decisions of the offers published in [from, to), in publishing order; an offer
     * still waiting counts with the wall clock now as its (unfinished) decision time.
     */
    List<FirstDecision> firstDecisions(long from, long to) {
        List<FirstDecision> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Map.Entry<Long, List<String>> published : byPublishTime.subMap(from, to).entrySet()) {
            for (String offerId : published.getValue()) {
                FirstDecision d = first.get(offerId);
                out.add(d != null ? d : new FirstDecision(published.getKey(), Math.max(now, published.getKey())));
            }
        }
        return out;
    }

    /** When the first decision of an offer published at or after {@code since} arrived, or -1. */
    long firstDecisionOfAnOfferPublishedSince(long since) {
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<Long, List<String>> published : byPublishTime.tailMap(since).entrySet()) {
            for (String offerId : published.getValue()) {
                FirstDecision d = first.get(offerId);
                if (d != null) {
                    earliest = Math.min(earliest, d.receivedAt);
                }
            }
        }
        return earliest == Long.MAX_VALUE ? -1 : earliest;
    }

    @Override
    public void close() {
        dispatcher.unsubscribe(subjects);
    }
}
