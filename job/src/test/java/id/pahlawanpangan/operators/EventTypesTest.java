package id.pahlawanpangan.operators;

import static org.assertj.core.api.Assertions.assertThat;

import id.pahlawanpangan.core.NgoSnapshot;
import id.pahlawanpangan.core.OfferState;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.RawInput;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The records between operators and the state they keep are Flink POJOs all the way down: no
 * field falls back to Kryo, and the POJO serializer keeps every field.
 */
class EventTypesTest {

    /**
     * Every instance field, inherited ones too. Transient fields are included on purpose: Flink
     * skips them, so a field marked transient by mistake would be lost from state on restore.
     */
    private static List<Field> pojoFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (!Modifier.isStatic(m)) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    /** Every type information reachable from this one, including itself. */
    private static List<TypeInformation<?>> reachable(TypeInformation<?> info) {
        List<TypeInformation<?>> all = new ArrayList<>();
        collect(info, all);
        return all;
    }

    private static void collect(TypeInformation<?> info, List<TypeInformation<?>> all) {
        all.add(info);
        if (info instanceof CompositeType) {
            CompositeType<?> composite = (CompositeType<?>) info;
            for (int i = 0; i < composite.getArity(); i++) {
                collect(composite.getTypeAt(i), all);
            }
        } else if (info instanceof ObjectArrayTypeInfo) {
            collect(((ObjectArrayTypeInfo<?, ?>) info).getComponentInfo(), all);
        } else if (info instanceof BasicArrayTypeInfo) {
            collect(((BasicArrayTypeInfo<?, ?>) info).getComponentInfo(), all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {InputEvent.class, MatchEvent.class, RawInput.class, OfferState.class, NgoSnapshot.class})
    void isAPojoWithNoFieldFallingBackToKryo(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);

        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        List<String> expectedNames = new ArrayList<>();
        for (Field f : pojoFields(type)) {
            expectedNames.add(f.getName());
        }
        assertThat(pojo.getFieldNames()).containsExactlyInAnyOrderElementsOf(expectedNames);

        for (TypeInformation<?> t : reachable(info)) {
            assertThat(t).as("type information reachable from %s", type.getSimpleName()).isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {InputEvent.class, MatchEvent.class, RawInput.class, OfferState.class, NgoSnapshot.class})
    void theDeclaredOperatorTypesAreTheSamePojos(Class<?> type) {
        // what the operators declare agrees with what Flink would extract
        // (InputEvent: as kept in state; between operators it has a serializer of its own, below)
        List<TypeInformation<?>> declared = List.of(
                StateTypes.INPUT_EVENT, EventTypes.MATCH_EVENT, EventTypes.RAW_INPUT,
                StateTypes.OFFER_STATE, StateTypes.NGO_SNAPSHOT);
        TypeInformation<?> match = declared.stream().filter(t -> t.getTypeClass() == type).findFirst().orElseThrow();
        assertThat(match).isEqualTo(TypeInformation.of(type));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {InputEvent.class, MatchEvent.class, RawInput.class, OfferState.class, NgoSnapshot.class})
    void aFullyPopulatedInstanceSurvivesThePojoSerializer(Class<?> type) throws Exception {
        Object original = populated(type);
        for (Field f : pojoFields(type)) {
            assertThat(isDefault(f, f.get(original))).as("%s.%s populated", type.getSimpleName(), f.getName()).isFalse();
        }

        Object copy = roundTrip(type, original);

        assertThat(copy).isNotSameAs(original);
        assertSameFields(type, original, copy);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {InputEvent.class, MatchEvent.class, RawInput.class, OfferState.class, NgoSnapshot.class})
    void anInstanceWithNullReferencesSurvivesThePojoSerializer(Class<?> type) throws Exception {
        Object original = populated(type);
        for (Field f : pojoFields(type)) {
            if (!f.getType().isPrimitive()) {
                f.set(original, null);
            }
        }
        Object copy = roundTrip(type, original);
        assertSameFields(type, original, copy);
    }

    @Test
    void theOperatorsExchangeInputEventsWithTheirOwnSerializer() {
        assertThat(EventTypes.INPUT_EVENT.createSerializer(new SerializerConfigImpl())).isSameAs(InputEventSerializer.INSTANCE);
    }

    @Test
    void aFullyPopulatedInputEventSurvivesTheWireSerializerAndItsCopy() throws Exception {
        InputEvent original = (InputEvent) populated(InputEvent.class);
        assertSameFields(InputEvent.class, original, roundTrip(InputEventSerializer.INSTANCE, original));
        assertSameFields(InputEvent.class, original, InputEventSerializer.INSTANCE.copy(original));
    }

    @Test
    void anInputEventWithNullReferencesSurvivesTheWireSerializer() throws Exception {
        InputEvent original = (InputEvent) populated(InputEvent.class);
        for (Field f : pojoFields(InputEvent.class)) {
            if (!f.getType().isPrimitive()) {
                f.set(original, null);
            }
        }
        assertSameFields(InputEvent.class, original, roundTrip(InputEventSerializer.INSTANCE, original));
    }

    @Test
    void eachFlagOfAnInputEventSurvivesTheWireSerializerOnItsOwn() throws Exception {
        for (Field flag : pojoFields(InputEvent.class)) {
            if (flag.getType() != boolean.class) {
                continue;
            }
            InputEvent original = (InputEvent) populated(InputEvent.class);
            for (Field f : pojoFields(InputEvent.class)) {
                if (f.getType() == boolean.class) {
                    f.set(original, f.equals(flag));
                }
            }
            assertSameFields(InputEvent.class, original, roundTrip(InputEventSerializer.INSTANCE, original));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(Class<T> type, Object original) throws IOException {
        SerializerConfigImpl config = new SerializerConfigImpl();
        // any field needing Kryo would now fail instead of silently using it
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        assertThat(serializer).isInstanceOf(PojoSerializer.class);
        return roundTrip(serializer, (T) original);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T original) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(original, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        T copy = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left after reading").isZero();
        return copy;
    }

    private static void assertSameFields(Class<?> type, Object expected, Object actual) throws IllegalAccessException {
        for (Field f : pojoFields(type)) {
            Object e = f.get(expected);
            Object a = f.get(actual);
            String name = type.getSimpleName() + "." + f.getName();
            if (e != null && e.getClass().isArray()) {
                assertThat(a).as(name).isNotNull();
                assertThat(Array.getLength(a)).as(name).isEqualTo(Array.getLength(e));
                for (int i = 0; i < Array.getLength(e); i++) {
                    assertThat(Array.get(a, i)).as(name + "[" + i + "]").isEqualTo(Array.get(e, i));
                }
            } else {
                assertThat(a).as(name).isEqualTo(e);
            }
        }
    }

    /** An instance whose every field holds a distinct, non-default value. */
    private static Object populated(Class<?> type) throws Exception {
        Object o = type.getConstructor().newInstance();
        int n = 1;
        for (Field f : pojoFields(type)) {
            f.set(o, valueFor(f, n++));
        }
        return o;
    }

    private static Object valueFor(Field f, int n) {
        Class<?> t = f.getType();
        if (t == String.class) {
            return f.getName() + "-v" + n + "-\u00e9\u20ac";
        } else if (t == int.class || t == Integer.class) {
            return 1_000 + n;
        } else if (t == long.class || t == Long.class) {
            return 1_795_601_700_000L + n;
        } else if (t == double.class || t == Double.class) {
            return n + 0.125;
        } else if (t == boolean.class || t == Boolean.class) {
            return true;
        } else if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            // not the first constant, so a default ordinal cannot pass for it
            return constants[1 + n % (constants.length - 1)];
        } else if (t == String[].class) {
            return new String[] {"ngo-" + n, "ngo-" + (n + 1), "ngo-" + (n + 2)};
        } else if (t == byte[].class) {
            return new byte[] {(byte) n, 0, (byte) 0xFF, (byte) 0xC3};
        }
        throw new AssertionError("no test value for " + f + ": teach this test the new field type");
    }

    private static boolean isDefault(Field f, Object v) {
        Class<?> t = f.getType();
        if (v == null) {
            return true;
        } else if (t == int.class || t == long.class) {
            return ((Number) v).longValue() == 0;
        } else if (t == double.class) {
            return ((Double) v) == 0.0;
        } else if (t == boolean.class) {
            return !((Boolean) v);
        } else if (t.isArray()) {
            return Array.getLength(v) == 0;
        }
        return false;
    }
}
