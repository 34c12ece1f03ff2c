package id.pahlawanpangan.connectors.nats.writer;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long the writer waits for one acknowledgement, how many it lets be outstanding, and how
 * long it retries a message before it gives up and fails the task.
 *
 * <p>The retry window is counted from the later of the message's first publication and the last
 * acknowledgement the writer saw: while the server answers, the writer goes on; once it has been
 * silent for the window, the writer fails. A checkpoint waits for the writer (it settles every
 * message before the barrier), so the window plus one acknowledgement wait and one back-off must
 * stay well inside the checkpoint timeout ({@code execution.checkpointing.timeout}, 2 min in
 * flink-conf/config.yaml): the defaults, 60 s + 5 s + 2 s, do.
 */
public final class PublishPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_IN_FLIGHT = 4096;
    public static final Duration DEFAULT_RETRY_WINDOW = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ATTEMPTS = 30;
    /** The longest pause between two attempts at one message. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final Duration ackTimeout;
    private final int maxInFlight;
    private final Duration retryWindow;
    private final int maxAttempts;

    public PublishPolicy(Duration ackTimeout, int maxInFlight, Duration retryWindow, int maxAttempts) {
        if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("the ack timeout must be longer than zero, was " + ackTimeout);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, was " + maxInFlight);
        }
        if (retryWindow == null || retryWindow.isNegative()) {
            throw new IllegalArgumentException("the retry window must not be negative, was " + retryWindow);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a message is attempted at least once, maxAttempts was " + maxAttempts);
        }
        this.ackTimeout = ackTimeout;
        this.maxInFlight = maxInFlight;
        this.retryWindow = retryWindow;
        this.maxAttempts = maxAttempts;
    }

    public static PublishPolicy defaults() {
        return new PublishPolicy(DEFAULT_ACK_TIMEOUT, DEFAULT_MAX_IN_FLIGHT, DEFAULT_RETRY_WINDOW, DEFAULT_MAX_ATTEMPTS);
    }

    public Duration ackTimeout() {
        return ackTimeout;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public Duration retryWindow() {
        return retryWindow;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The pause before attempt {@code attempt + 1}: doubling from 100 ms, at most {@link #MAX_BACKOFF}. */
    Duration backoffAfter(int attempt) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** The longest a checkpoint can wait on a silent server before the writer gives up. */
    public Duration longestStall() {
        return retryWindow.plus(ackTimeout).plus(MAX_BACKOFF);
    }

    @Override
    public String toString() {
        return "ack timeout " + ackTimeout + ", " + maxInFlight + " in flight, retried for " + retryWindow + " (at most " + maxAttempts
                + " attempts)";
    }
}
