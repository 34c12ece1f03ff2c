package id.pahlawanpangan.operators;

import id.pahlawanpangan.events.InputEvent;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** {@link InputEvent} as the operators exchange it, with {@link InputEventSerializer}. */
public final class InputEventTypeInfo extends TypeInformation<InputEvent> {
    private static final long serialVersionUID = 1L;

    public static final InputEventTypeInfo INSTANCE = new InputEventTypeInfo();

    private InputEventTypeInfo() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<InputEvent> getTypeClass() {
        return InputEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<InputEvent> createSerializer(SerializerConfig config) {
        return InputEventSerializer.INSTANCE;
    }

    @Override
    @Deprecated
    public TypeSerializer<InputEvent> createSerializer(ExecutionConfig config) {
        return InputEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "InputEvent(wire)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return InputEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof InputEventTypeInfo;
    }
}
