package id.pahlawanpangan.pipeline;

import id.pahlawanpangan.core.MatchPolicy;
import id.pahlawanpangan.core.OfferLifecycle;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.geo.CellGrid;
import id.pahlawanpangan.operators.CellMatcher;
import id.pahlawanpangan.operators.EventTypes;
import id.pahlawanpangan.operators.InputValidator;
import id.pahlawanpangan.operators.NgoRouter;
import id.pahlawanpangan.operators.OfferDirectory;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The operator graph, from raw input messages to output events:
 *
 * <pre>
 *  raw input ─▶ validate ─┬─▶ event time ─┬─▶ offer events ─▶ [offer id] offer directory ─┐
 *                         │               └─▶ NGO events ───▶ [NGO id]   NGO router ──────┤
 *                         │                                                               ▼
 *                         │                                            [S2 cell] cell matcher ─▶ decisions
 *                         └─▶ input.rejected           (directory rejections) ─────────────────▶ (union)
 * </pre>
 */
public final class MatchingPipeline {
    private final ReadableConfig config;

    public MatchingPipeline(ReadableConfig config) {
        this.config = config;
    }

    /** What the job produces: the contract's output events, and the NGO snapshots it accepted. */
    public static final class Outputs {
        private final DataStream<MatchEvent> events;
        private final DataStream<InputEvent> availability;

        Outputs(DataStream<MatchEvent> events, DataStream<InputEvent> availability) {
            this.events = events;
            this.availability = availability;
        }

        /** Every output event of the contract: decisions and rejections. */
        public DataStream<MatchEvent> events() {
            return events;
        }

        /** Valid {@code ngo.availability} events, for the dashboards' current NGO map. */
        public DataStream<InputEvent> availability() {
            return availability;
        }
    }

    public Outputs decide(DataStream<RawInput> inputs, WatermarkStrategy<InputEvent> watermarks) {
        MatchPolicy policy = MatchingOptions.policy(config);
        CellGrid grid = MatchingOptions.cellGrid(config);

        // validation and watermarks run beside the source, chained to it: each generator sees its
        // source's streams in their own order, so lateness does not depend on the job's parallelism
        int sourceParallelism = inputs.getParallelism();
        SingleOutputStreamOperator<InputEvent> valid = inputs
                .process(new InputValidator(MatchingOptions.parser(config)), EventTypes.INPUT_EVENT)
                .uid(Uids.INPUT_VALIDATOR).name("Validate input").setParallelism(sourceParallelism);
        DataStream<InputEvent> timed = valid
                .assignTimestampsAndWatermarks(watermarks)
                .uid(Uids.EVENT_TIME).name("Event time").setParallelism(sourceParallelism);

        SingleOutputStreamOperator<InputEvent> offerEvents = timed
                .filter(e -> e.type.concernsOffer())
                .uid(Uids.OFFER_EVENTS).name("Offer events").setParallelism(sourceParallelism);
        SingleOutputStreamOperator<InputEvent> ngoEvents = timed
                .filter(e -> e.type == InputType.NGO_AVAILABILITY)
                .uid(Uids.NGO_EVENTS).name("NGO events").setParallelism(sourceParallelism);

        SingleOutputStreamOperator<InputEvent> routedOfferEvents = offerEvents
                .keyBy(e -> e.offerId, Types.STRING)
                .transform("Offer directory", EventTypes.INPUT_EVENT, new OfferDirectory(grid, policy))
                .uid(Uids.OFFER_DIRECTORY).name("Offer directory");
        SingleOutputStreamOperator<InputEvent> routedSnapshots = ngoEvents
                .keyBy(e -> e.ngoId, Types.STRING)
                .transform("NGO router", EventTypes.INPUT_EVENT, new NgoRouter(grid, policy))
                .uid(Uids.NGO_ROUTER).name("NGO router");

        SingleOutputStreamOperator<MatchEvent> decisions = routedOfferEvents
                .union(routedSnapshots)
                .keyBy(e -> e.cell, Types.LONG)
                .transform("Cell matcher", EventTypes.MATCH_EVENT, new CellMatcher(new OfferLifecycle(policy)))
                .uid(Uids.CELL_MATCHER).name("Cell matcher");

        return new Outputs(
                decisions.union(routedOfferEvents.getSideOutput(OfferDirectory.REJECTIONS), valid.getSideOutput(InputValidator.REJECTED)),
                ngoEvents);
    }
}
