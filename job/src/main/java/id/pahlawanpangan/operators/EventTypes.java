package id.pahlawanpangan.operators;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RawInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** The type information of the records between operators: POJOs, never Kryo. */
public final class EventTypes {
    public static final TypeInformation<RawInput> RAW_INPUT = Types.POJO(RawInput.class);
    public static final TypeInformation<InputEvent> INPUT_EVENT = Types.POJO(InputEvent.class);
    public static final TypeInformation<MatchEvent> MATCH_EVENT = Types.POJO(MatchEvent.class);

    private EventTypes() {}
}
