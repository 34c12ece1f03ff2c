package id.pahlawanpangan.operators;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.SourceStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link InputEvent} between operators, written field by field: every input crosses three network
 * hops, and Flink's POJO serializer, which sets each field by reflection, was the costliest part of
 * each hop. Flags and null markers share one int; the enums are their ordinals.
 *
 * <p>It writes the waiting inputs of a checkpoint too ({@link OrderedInputOperator}): a change to
 * the layout needs a new {@link Snapshot} version that reads the old one. The keyed state of
 * earlier builds (the first posting of each offer) keeps Flink's POJO serializer.
 */
public final class InputEventSerializer extends TypeSerializerSingleton<InputEvent> {
    private static final long serialVersionUID = 1L;

    public static final InputEventSerializer INSTANCE = new InputEventSerializer();

    private static final InputType[] TYPES = InputType.values();
    private static final Category[] CATEGORIES = Category.values();
    private static final SourceStream[] STREAMS = SourceStream.values();

    private static final int HALAL = 1;
    private static final int VEGETARIAN = 1 << 1;
    private static final int NEEDS_COLD_CHAIN = 1 << 2;
    private static final int HALAL_ONLY = 1 << 3;
    private static final int VEGETARIAN_ONLY = 1 << 4;
    private static final int HAS_COLD_CHAIN = 1 << 5;
    private static final int ACTIVE = 1 << 6;
    private static final int OFFER_ID = 1 << 7;
    private static final int PROVIDER_ID = 1 << 8;
    private static final int NGO_ID = 1 << 9;
    private static final int PORTIONS = 1 << 10;
    private static final int PAYLOAD = 1 << 11;
    private static final int TRACEPARENT = 1 << 12;

    private InputEventSerializer() {}

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public InputEvent createInstance() {
        return new InputEvent();
    }

    @Override
    public InputEvent copy(InputEvent from) {
        return from.copy();
    }

    @Override
    public InputEvent copy(InputEvent from, InputEvent reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(InputEvent e, DataOutputView out) throws IOException {
        int flags = (e.halal ? HALAL : 0) | (e.vegetarian ? VEGETARIAN : 0) | (e.needsColdChain ? NEEDS_COLD_CHAIN : 0)
                | (e.halalOnly ? HALAL_ONLY : 0) | (e.vegetarianOnly ? VEGETARIAN_ONLY : 0)
                | (e.hasColdChain ? HAS_COLD_CHAIN : 0) | (e.active ? ACTIVE : 0)
                | (e.offerId != null ? OFFER_ID : 0) | (e.providerId != null ? PROVIDER_ID : 0)
                | (e.ngoId != null ? NGO_ID : 0) | (e.portions != null ? PORTIONS : 0)
                | (e.payload != null ? PAYLOAD : 0) | (e.traceparent != null ? TRACEPARENT : 0);
        out.writeInt(flags);
        out.writeByte(ordinal(e.type));
        out.writeByte(ordinal(e.category));
        out.writeByte(ordinal(e.stream));
        out.writeLong(e.eventTime);
        out.writeDouble(e.lat);
        out.writeDouble(e.lon);
        out.writeDouble(e.quantityKg);
        out.writeLong(e.readyAt);
        out.writeLong(e.expiresAt);
        out.writeDouble(e.radiusKm);
        out.writeDouble(e.capacityKg);
        out.writeInt(e.accepts);
        out.writeDouble(e.pickedKg);
        out.writeLong(e.seq);
        out.writeLong(e.receivedAt);
        out.writeLong(e.cell);
        if (e.portions != null) {
            out.writeInt(e.portions);
        }
        writeIfPresent(e.offerId, out);
        writeIfPresent(e.providerId, out);
        writeIfPresent(e.ngoId, out);
        writeIfPresent(e.payload, out);
        writeIfPresent(e.traceparent, out);
    }

    @Override
    public InputEvent deserialize(DataInputView in) throws IOException {
        InputEvent e = new InputEvent();
        int flags = in.readInt();
        e.halal = (flags & HALAL) != 0;
        e.vegetarian = (flags & VEGETARIAN) != 0;
        e.needsColdChain = (flags & NEEDS_COLD_CHAIN) != 0;
        e.halalOnly = (flags & HALAL_ONLY) != 0;
        e.vegetarianOnly = (flags & VEGETARIAN_ONLY) != 0;
        e.hasColdChain = (flags & HAS_COLD_CHAIN) != 0;
        e.active = (flags & ACTIVE) != 0;
        e.type = of(TYPES, in.readByte());
        e.category = of(CATEGORIES, in.readByte());
        e.stream = of(STREAMS, in.readByte());
        e.eventTime = in.readLong();
        e.lat = in.readDouble();
        e.lon = in.readDouble();
        e.quantityKg = in.readDouble();
        e.readyAt = in.readLong();
        e.expiresAt = in.readLong();
        e.radiusKm = in.readDouble();
        e.capacityKg = in.readDouble();
        e.accepts = in.readInt();
        e.pickedKg = in.readDouble();
        e.seq = in.readLong();
        e.receivedAt = in.readLong();
        e.cell = in.readLong();
        e.portions = (flags & PORTIONS) != 0 ? in.readInt() : null;
        e.offerId = (flags & OFFER_ID) != 0 ? StringValue.readString(in) : null;
        e.providerId = (flags & PROVIDER_ID) != 0 ? StringValue.readString(in) : null;
        e.ngoId = (flags & NGO_ID) != 0 ? StringValue.readString(in) : null;
        e.payload = (flags & PAYLOAD) != 0 ? StringValue.readString(in) : null;
        e.traceparent = (flags & TRACEPARENT) != 0 ? StringValue.readString(in) : null;
        return e;
    }

    @Override
    public InputEvent deserialize(InputEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<InputEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeIfPresent(String s, DataOutputView out) throws IOException {
        if (s != null) {
            StringValue.writeString(s, out);
        }
    }

    private static int ordinal(Enum<?> value) {
        return value == null ? 0 : value.ordinal() + 1;
    }

    private static <E> E of(E[] values, int code) throws IOException {
        if (code == 0) {
            return null;
        }
        if (code < 0 || code > values.length) {
            throw new IOException("no constant " + (code - 1) + " among " + values.length);
        }
        return values[code - 1];
    }

    /** Version 1: the layout above. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<InputEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
