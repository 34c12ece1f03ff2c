package id.pahlawanpangan.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Committables written by this build and by the build before ordering keys, read back. */
class JetStreamCommittableSerializerTest {
    /**
     * A committable as version 1 of the serializer (the build before ordering keys) wrote it:
     * subject pangan.out.ngo.ngo-7, id offer-42:proposed:1, header Content-Type:
     * application/json, payload {"n":1}. Fixed bytes, so that a change of the format shows here.
     */
    private static final byte[] VERSION_1 = HexFormat.of().parseHex("001470616e67616e2e6f75742e6e676f2e6e676f2d3700136f666665722d34323a"
            + "70726f706f7365643a3100000001000c436f6e74656e742d5479706500106170706c69636174696f6e2f6a736f6e000000077b226e223a317d");

    private final JetStreamCommittableSerializer serializer = new JetStreamCommittableSerializer();

    @Test
    void aCommittableComesBackWithItsHeadersAndOrderingKey() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        JetStreamRecord record = new JetStreamRecord("pangan.out.ngo.ngo-7", "offer-42:proposed:1", "offer-42", headers,
                "{\"n\":1}".getBytes(StandardCharsets.UTF_8));

        JetStreamRecord back = roundTrip(record);
        assertThat(back.subject()).isEqualTo(record.subject());
        assertThat(back.messageId()).isEqualTo(record.messageId());
        assertThat(back.orderingKey()).isEqualTo("offer-42");
        assertThat(back.headers()).isEqualTo(headers);
        assertThat(back.payload()).isEqualTo(record.payload());
    }

    @Test
    void aCommittableWithoutOrderingKeyOrHeadersComesBackWithout() throws Exception {
        JetStreamRecord back = roundTrip(new JetStreamRecord("pangan.dead", "dead-1", Map.of(), new byte[0]));
        assertThat(back.orderingKey()).isNull();
        assertThat(back.headers()).isEmpty();
        assertThat(back.payload()).isEmpty();
    }

    @Test
    void theVersionBeforeOrderingKeysIsStillRead() throws Exception {
        JetStreamRecord old = serializer.deserialize(1, VERSION_1).record();
        assertThat(old.subject()).isEqualTo("pangan.out.ngo.ngo-7");
        assertThat(old.messageId()).isEqualTo("offer-42:proposed:1");
        assertThat(old.orderingKey()).isNull();
        assertThat(old.headers()).containsExactly(Map.entry("Content-Type", "application/json"));
        assertThat(new String(old.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }

    @Test
    void anUnknownVersionIsRefusedSayingWhichAreRead() {
        assertThatThrownBy(() -> serializer.deserialize(3, VERSION_1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown JetStream committable version 3")
                .hasMessageContaining("reads versions 1 and 2");
        assertThatThrownBy(() -> serializer.deserialize(0, VERSION_1)).isInstanceOf(IOException.class);
    }

    private JetStreamRecord roundTrip(JetStreamRecord record) throws IOException {
        byte[] bytes = serializer.serialize(new JetStreamCommittable(record));
        return serializer.deserialize(serializer.getVersion(), bytes).record();
    }
}
