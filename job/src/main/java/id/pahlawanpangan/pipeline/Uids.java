package id.pahlawanpangan.pipeline;

/**
 * The operator uids. State is found by them when a job restores a savepoint: never change one.
 */
public final class Uids {
    public static final String REPLAY_FILE = "replay-file-source";
    public static final String REPLAY_SEQUENCER = "replay-sequencer";
    public static final String INPUT_VALIDATOR = "input-validator";
    public static final String EVENT_TIME = "input-event-time";
    public static final String OFFER_EVENTS = "offer-events";
    public static final String NGO_EVENTS = "ngo-events";
    public static final String OFFER_DIRECTORY = "offer-directory";
    public static final String NGO_ROUTER = "ngo-router";
    public static final String CELL_MATCHER = "cell-matcher";
    public static final String JETSTREAM_OFFERS = "jetstream-offers";
    public static final String JETSTREAM_NGOS = "jetstream-ngos";
    public static final String JETSTREAM_CLAIMS = "jetstream-claims";
    public static final String POSTGIS_MATCH_EVENTS = "postgis-match-events";
    public static final String REJECTED_INPUT_FILTER = "rejected-input-filter";
    public static final String POSTGIS_REJECTED_INPUT = "postgis-rejected-input";
    public static final String POSTGIS_NGO_AVAILABILITY = "postgis-ngo-availability";
    public static final String JETSTREAM_OUTPUT = "jetstream-output";

    private Uids() {}
}
