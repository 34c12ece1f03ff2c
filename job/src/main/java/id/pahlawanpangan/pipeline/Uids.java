package id.pahlawanpangan.pipeline;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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

    /**
     * No uid is made up for an operator that lacks one ({@code pipeline.auto-generate-uids:
     * false}): building the job graph fails, naming the operator. A generated uid is derived from
     * the graph's shape, so an operator added upstream would have silently orphaned the state of
     * every operator after it at the next savepoint restore. Sinks' writers and committers take
     * theirs from their sink's uid.
     */
    public static void required(StreamExecutionEnvironment env) {
        Configuration noneGenerated = new Configuration();
        noneGenerated.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        env.configure(noneGenerated);
    }
}
