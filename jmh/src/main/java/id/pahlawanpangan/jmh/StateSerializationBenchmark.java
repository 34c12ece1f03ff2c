package id.pahlawanpangan.jmh;

import id.pahlawanpangan.core.NgoSnapshot;
import id.pahlawanpangan.core.OfferState;
import id.pahlawanpangan.core.OfferStatus;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.operators.EventTypes;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One value of the job's state written and read back by the serializer Flink makes from its type
 * information, as RocksDB state and network records are on every access: an offer held by an NGO
 * after two proposals, an NGO's snapshot, an input event as parsed (an offer, with its payload).
 * The serializers come from the type information with generic types disabled, as in the job, so a
 * type that fell back to Kryo fails here instead of being measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StateSerializationBenchmark {
    @Param({"OfferState", "NgoSnapshot", "InputEvent", "InputEventPojo"})
    String type;

    private TypeSerializer<Object> serializer;
    private Object value;
    private final DataOutputSerializer out = new DataOutputSerializer(1024);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup
    public void setUp() {
        InputEvent posted = Workloads.offers(1).get(0);
        InputEvent ngo = Workloads.ngoSnapshots(1).get(0);
        switch (type) {
            case "OfferState" -> use(Types.POJO(OfferState.class), heldOffer(posted, ngo));
            case "NgoSnapshot" -> use(Types.POJO(NgoSnapshot.class), NgoSnapshot.of(ngo));
            // between operators (the job's own serializer), and as Flink's POJO serializer writes it (state)
            case "InputEvent" -> use(EventTypes.INPUT_EVENT, parsed(posted));
            case "InputEventPojo" -> use(Types.POJO(InputEvent.class), parsed(posted));
            default -> throw new IllegalArgumentException("no state type " + type);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void use(TypeInformation<T> typeInfo, T sample) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        serializer = (TypeSerializer<Object>) typeInfo.createSerializer(config);
        value = sample;
    }

    private static OfferState heldOffer(InputEvent posted, InputEvent ngo) {
        OfferState s = Workloads.openOffer(posted);
        s.status = OfferStatus.HELD;
        s.holder = ngo.ngoId;
        s.attempt = 2;
        s.holdUntil = posted.eventTime + 20 * 60_000;
        s.proposedTo = new String[] {"ngo-jakarta-0007", ngo.ngoId};
        s.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        return s;
    }

    /** The event as the job's parser makes it from its JSON (an offer keeps its payload). */
    private static InputEvent parsed(InputEvent posted) {
        RawInput raw = new RawInput(posted.type.stream(), 1, posted.providerId, InputEventJson.write(posted), posted.eventTime);
        return new InputParser(16_384).parse(raw).event();
    }

    @Benchmark
    public Object roundTrip() throws IOException {
        out.clear();
        serializer.serialize(value, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
