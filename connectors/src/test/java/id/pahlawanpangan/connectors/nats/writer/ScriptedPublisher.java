package id.pahlawanpangan.connectors.nats.writer;

import id.pahlawanpangan.connectors.nats.JetStreamRecord;
import id.pahlawanpangan.connectors.testing.ServerAnswers;
import io.nats.client.api.PublishAck;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The writer's publish function, answering each attempt at a message as the test scripted it
 * (acknowledged at once when nothing was scripted), and remembering the order of the attempts.
 */
final class ScriptedPublisher implements Function<JetStreamRecord, CompletableFuture<PublishAck>> {
    /** One attempt's answer. */
    interface Answer {
        CompletableFuture<PublishAck> to(JetStreamRecord record);
    }

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
    private final Map<String, Throwable> alwaysFailing = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<PublishAck>> held = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    /** The answers to the next attempts at this message, in turn; after them, acknowledgements. */
    ScriptedPublisher answer(String messageId, Answer... answers) {
        script.computeIfAbsent(messageId, id -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Every attempt at this message fails so. */
    ScriptedPublisher alwaysFail(String messageId, Throwable failure) {
        alwaysFailing.put(messageId, failure);
        return this;
    }

    Answer acknowledged() {
        return r -> CompletableFuture.completedFuture(ServerAnswers.ack("TEST", seq.incrementAndGet(), false));
    }

    static Answer failed(Throwable failure) {
        return r -> CompletableFuture.failedFuture(failure);
    }

    /** Published, and answered only when the test calls {@link #acknowledge}. */
    Answer held() {
        return r -> held.computeIfAbsent(r.messageId(), id -> new CompletableFuture<>());
    }

    /** Published and never answered (a message lost with its connection). */
    static Answer unanswered() {
        return r -> new CompletableFuture<>();
    }

    /** The client refuses the attempt before sending it. */
    static Answer thrown(RuntimeException e) {
        return r -> {
            throw e;
        };
    }

    void acknowledge(String messageId) {
        held.remove(messageId).complete(ServerAnswers.ack("TEST", seq.incrementAndGet(), false));
    }

    /** The message ids of the attempts, in the order they were made. */
    List<String> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public CompletableFuture<PublishAck> apply(JetStreamRecord record) {
        attempts.add(record.messageId());
        if (alwaysFailing.containsKey(record.messageId())) {
            return CompletableFuture.failedFuture(alwaysFailing.get(record.messageId()));
        }
        Deque<Answer> answers = script.get(record.messageId());
        Answer answer = answers == null ? null : answers.poll();
        return (answer == null ? acknowledged() : answer).to(record);
    }
}
