package id.pahlawanpangan.operators;

import id.pahlawanpangan.core.NgoSnapshot;
import id.pahlawanpangan.core.OfferState;
import id.pahlawanpangan.events.InputEvent;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The type information of every state the operators keep, declared explicitly: POJOs, arrays of
 * POJOs and basic types only, so nothing falls back to Kryo and the POJOs can evolve.
 */
final class StateTypes {
    /** Flink's POJO serializer, as in earlier builds' state (not the operators' wire type). */
    static final TypeInformation<InputEvent> INPUT_EVENT = Types.POJO(InputEvent.class);
    static final TypeInformation<InputEvent[]> INPUT_EVENTS = Types.OBJECT_ARRAY(INPUT_EVENT);
    static final TypeInformation<OfferState> OFFER_STATE = Types.POJO(OfferState.class);
    static final TypeInformation<NgoSnapshot> NGO_SNAPSHOT = Types.POJO(NgoSnapshot.class);
    static final TypeInformation<String[]> IDS = Types.OBJECT_ARRAY(Types.STRING);

    private StateTypes() {}

    /** Input events waiting for the watermark, by event time. */
    static MapStateDescriptor<Long, InputEvent[]> pendingInputs() {
        return new MapStateDescriptor<>("pending-inputs", Types.LONG, INPUT_EVENTS);
    }

    static ValueStateDescriptor<InputEvent> posting() {
        return new ValueStateDescriptor<>("posting", INPUT_EVENT);
    }

    static ValueStateDescriptor<NgoSnapshot> latestSnapshot() {
        return new ValueStateDescriptor<>("latest-snapshot", NGO_SNAPSHOT);
    }

    static MapStateDescriptor<String, NgoSnapshot> cellNgos() {
        return new MapStateDescriptor<>("ngos", Types.STRING, NGO_SNAPSHOT);
    }

    /** Live offers that are HELD or CLAIMED. */
    static MapStateDescriptor<String, OfferState> liveOffers() {
        return new MapStateDescriptor<>("live-offers", Types.STRING, OFFER_STATE);
    }

    /** Tombstones: closed offer id to the time it closed. */
    static MapStateDescriptor<String, Long> closedOffers() {
        return new MapStateDescriptor<>("closed-offers", Types.STRING, Types.LONG);
    }

    /** Live offers waiting for an NGO (OPEN), apart from the others. */
    static MapStateDescriptor<String, OfferState> openOffers() {
        return new MapStateDescriptor<>("open-offers", Types.STRING, OFFER_STATE);
    }

    /** Timer time to the offers with a timer due then. */
    static MapStateDescriptor<Long, String[]> dueOffers() {
        return new MapStateDescriptor<>("due-offers", Types.LONG, IDS);
    }
}
