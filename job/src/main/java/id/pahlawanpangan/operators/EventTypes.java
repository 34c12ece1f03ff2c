package id.pahlawanpangan.operators;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RawInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** The type information of the records between operators: POJOs or serializers of our own, never Kryo. */
public final class EventTypes {
    public static final TypeInformation<RawInput> RAW_INPUT = Types.POJO(RawInput.class);
    /** Written field by field ({@link InputEventSerializer}): it crosses three network hops. */
    public static final TypeInformation<InputEvent> INPUT_EVENT = InputEventTypeInfo.INSTANCE;
    public static final TypeInformation<MatchEvent> MATCH_EVENT = Types.POJO(MatchEvent.class);

    private EventTypes() {}
}
