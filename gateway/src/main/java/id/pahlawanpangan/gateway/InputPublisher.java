package id.pahlawanpangan.gateway;

import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Publishes validated input to the job's JetStream streams, on the subject that names the client
 * (the subject is what the job checks identity against), and answers once JetStream has stored
 * it. Asynchronous: an HTTP thread never waits on NATS.
 */
public final class InputPublisher {
    /** W3C trace context: an invalid traceparent is dropped, as the specification asks. */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    /** JetStream's "maximum messages per subject exceeded" (a publisher's quota, PanganStreams). */
    private static final int PER_SUBJECT_LIMIT = 10077;
    /** JetStream's "maximum messages exceeded" and "insufficient storage". */
    private static final int STREAM_FULL = 10047;

    private final JetStream jetStream;
    private final Subjects subjects;
    private final Duration ackTimeout;

    public InputPublisher(Connection nats, Subjects subjects, Duration ackTimeout) throws IOException {
        this.jetStream = nats.jetStream();
        this.subjects = subjects;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Stored: the stream and its sequence. The idempotency key is scoped to the client, so that no
     * client can make another's retry look like a duplicate.
     */
    public CompletableFuture<PublishAck> publish(InputMessage message, Client client, String idempotencyKey, String traceparent) {
        Headers headers = new Headers();
        String caller = traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : null;
        // the gateway's span joins the caller's trace (or starts one), and the job's spans join the gateway's;
        // with tracing off the caller's context goes on unchanged
        String carried = Tracing.span("pangan.gateway " + message.type.wireName(), caller, SpanKind.PRODUCER, Map.of(
                "pangan.stream", message.stream.name(), "pangan.client", client.toString()));
        if (carried != null) {
            headers.put("traceparent", carried);
        }
        PublishOptions.Builder options = PublishOptions.builder().expectedStream(subjects.inputStream(message.stream));
        if (idempotencyKey != null) {
            if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                throw ApiError.badRequest("invalid_idempotency_key", "an Idempotency-Key is 1 to 128 printable ASCII characters");
            }
            options.messageId(client.role().wireName() + ":" + client.id() + ":" + idempotencyKey);
        }
        String subject = subjects.input(message.stream, message.publisherId);
        byte[] data = message.payload.getBytes(StandardCharsets.UTF_8);
        CompletableFuture<PublishAck> ack;
        try {
            ack = jetStream.publishAsync(subject, headers.isEmpty() ? null : headers, data, options.build());
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        return ack.orTimeout(ackTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    throw new CompletionException(refusal(failure));
                });
    }

    /** Why JetStream did not store a message, as the client should hear it. */
    static ApiError refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiError) {
            return (ApiError) cause;
        }
        if (cause instanceof JetStreamApiException) {
            int code = ((JetStreamApiException) cause).getApiErrorCode();
            if (code == PER_SUBJECT_LIMIT) {
                return new ApiError(429, "publisher_quota_exceeded",
                        "this client has as many messages stored as one publisher may (a week's retention); older ones make room as they age out");
            }
            if (code == STREAM_FULL) {
                return new ApiError(503, "stream_full", "the input stream is full: " + cause.getMessage());
            }
            return new ApiError(503, "jetstream_refused", "JetStream refused the message: " + cause.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return new ApiError(503, "nats_timeout", "JetStream did not acknowledge in time; retry with the same Idempotency-Key");
        }
        return unavailable(cause);
    }

    private static ApiError unavailable(Throwable cause) {
        return new ApiError(503, "nats_unavailable", "NATS JetStream is not reachable (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + "); retry with the same Idempotency-Key");
    }
}
