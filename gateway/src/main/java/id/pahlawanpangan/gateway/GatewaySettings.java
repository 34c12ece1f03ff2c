package id.pahlawanpangan.gateway;

import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.live.Subjects;
import java.time.Duration;

/** Where the gateway listens and how it judges input; the defaults are the job's. */
public final class GatewaySettings {
    public String host = "127.0.0.1";
    /** 0: any free port (tests). */
    public int port = 8088;
    public String namespace = Subjects.DEFAULT_NAMESPACE;
    /** The job's {@code input.max-payload-bytes}: a larger event is refused here as it would be there. */
    public int maxPayloadBytes = 16_384;
    /** The job's {@code input.max-clock-skew}. */
    public Duration maxClockSkew = Duration.ofMillis(InputParser.DEFAULT_MAX_CLOCK_SKEW_MS);
    /** How long to wait for JetStream to store an event before answering 503. */
    public Duration ackTimeout = Duration.ofSeconds(5);
    /** How far back the dispatcher page's stream starts, unless it asks ({@code ?since=}). */
    public Duration dispatchLookback = Duration.ofHours(6);
    /** How often an idle event stream says something: proxies close silent connections, and a gone client is noticed on a write. */
    public Duration heartbeat = Duration.ofSeconds(15);
    /** Event streams one client may hold open at once: each is a JetStream consumer and a thread. */
    public int maxStreamsPerClient = 4;
    /** The longest look back a dispatcher may ask for: the streams keep a week. */
    public Duration maxDispatchLookback = Duration.ofDays(2);
}
