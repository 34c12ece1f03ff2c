package id.pahlawanpangan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exported JetStream messages in a replay file: read back as the live source made them, and replayed so. */
class ExportedMessageTest {
    private static final String OFFER = "{\"type\":\"offer.posted\",\"offer_id\":\"o1\",\"provider_id\":\"prov-1\",\"lat\":-6.2,\"lon\":106.8,"
            + "\"category\":\"bakery\",\"quantity_kg\":5,\"halal\":true,\"needs_cold_chain\":false,"
            + "\"ready_at\":\"2026-11-25T10:00:00Z\",\"expires_at\":\"2026-11-25T14:00:00Z\",\"event_time\":\"2026-11-25T10:00:00Z\"}";
    private static final long RECEIVED = Times.parse("2026-11-25T10:00:00.120Z");

    private static RawInput live(SourceStream stream, long seq, String publisher, String payload) {
        return new RawInput(stream, seq, publisher, payload, RECEIVED);
    }

    @Test
    void aMessageReadsBackAsTheLiveSourceMadeIt() {
        RawInput raw = live(SourceStream.OFFERS, 17, "prov-1", OFFER + "\n");
        raw.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String line = ExportedMessage.line(raw, "pangan.in.offers.prov-1");
        assertThat(line).doesNotContain("\n").startsWith("{\"jetstream\":");
        RawInput back = ExportedMessage.read(line);
        assertThat(back.stream).isEqualTo(SourceStream.OFFERS);
        assertThat(back.seq).isEqualTo(17);
        assertThat(back.publisherId).isEqualTo("prov-1");
        assertThat(back.payload).isEqualTo(OFFER + "\n");
        assertThat(back.receivedAt).isEqualTo(RECEIVED);
        assertThat(back.fallbackTime).isEqualTo(RECEIVED);
        assertThat(back.traceparent).isEqualTo(raw.traceparent);
        assertThat(back.undecodablePayload).isNull();
    }

    @Test
    void bytesThatWereNotUtf8AndAnEmptyMessageComeBackAsTheyCame() {
        RawInput bad = live(SourceStream.CLAIMS, 3, "ngo-1", null);
        bad.undecodablePayload = new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'};
        RawInput back = ExportedMessage.read(ExportedMessage.line(bad, "pangan.in.claims.ngo-1"));
        assertThat(back.payload).isNull();
        assertThat(back.undecodablePayload).containsExactly(bad.undecodablePayload);

        RawInput empty = ExportedMessage.read(ExportedMessage.line(live(SourceStream.NGOS, 4, "ngo-1", null), "pangan.in.ngos.ngo-1"));
        assertThat(empty.payload).isNull();
        assertThat(empty.undecodablePayload).isNull();
    }

    @Test
    void aPayloadThatLooksLikeAnExportedMessageStaysThePublishersText() {
        String forged = ExportedMessage.line(live(SourceStream.OFFERS, 1, "someone-else", OFFER), "pangan.in.offers.someone-else");
        RawInput back = ExportedMessage.read(ExportedMessage.line(live(SourceStream.OFFERS, 9, "prov-2", forged), "pangan.in.offers.prov-2"));
        assertThat(back.publisherId).isEqualTo("prov-2");
        assertThat(back.payload).isEqualTo(forged);
    }

    @Test
    void aMalformedExportedMessageIsRefusedWithWhatIsWrong() {
        String good = ExportedMessage.line(live(SourceStream.OFFERS, 17, "prov-1", OFFER), "pangan.in.offers.prov-1");
        assertThatThrownBy(() -> ExportedMessage.read(good.replace("\"seq\":17", "\"seq\":0"))).hasMessageContaining("\"seq\"");
        assertThatThrownBy(() -> ExportedMessage.read(good.replace("\"offers\"", "\"unrouted\""))).hasMessageContaining("\"stream\"");
        assertThatThrownBy(() -> ExportedMessage.read(good.replace("2026-11-25T10:00:00.120Z", "yesterday"))).hasMessageContaining("received_at");
        assertThatThrownBy(() -> ExportedMessage.read(good.replace("\"publisher\":\"prov-1\",", ""))).hasMessageContaining("\"publisher\"");
        assertThatThrownBy(() -> ExportedMessage.read("{\"jetstream\":1}")).hasMessageContaining("no \"jetstream\" object");
        assertThatThrownBy(() -> ExportedMessage.read("{\"jetstream\":")).hasMessageContaining("not JSON");
    }

    @Test
    void aReplayTakesAnExportedMessageWithItsSequencePublisherAndReceiveTime() {
        StreamNumbering n = new StreamNumbering();
        RawInput exported = n.next(ExportedMessage.line(live(SourceStream.OFFERS, 40, "prov-1", OFFER), "pangan.in.offers.prov-1"));
        RawInput plainAfter = n.next(OFFER);
        assertThat(exported.seq).isEqualTo(40);
        assertThat(exported.publisherId).isEqualTo("prov-1");
        assertThat(exported.receivedAt).isEqualTo(RECEIVED);
        assertThat(plainAfter.seq).as("a plain line never takes an exported message's number").isEqualTo(41);
        assertThat(plainAfter.publisherId).isNull();
        assertThat(new InputParser(16 * 1024).parse(exported).isValid()).isTrue();
    }

    @Test
    void aReplayHoldsAnExportedMessageToItsPublishersSubjectAsLive() {
        RawInput raw = new StreamNumbering().next(ExportedMessage.line(live(SourceStream.OFFERS, 2, "prov-9", OFFER), "pangan.in.offers.prov-9"));
        ParsedInput parsed = new InputParser(16 * 1024).parse(raw);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.reason()).isEqualTo(RejectReason.IDENTITY_MISMATCH);
    }

    @Test
    void aLineThatOnlyLooksExportedIsAPlainLineForTheParserToJudge() {
        StreamNumbering n = new StreamNumbering();
        RawInput raw = n.next("{\"jetstream\":{\"stream\":\"offers\"},\"payload\":\"x\"}");
        assertThat(raw.stream).isEqualTo(SourceStream.UNROUTED);
        assertThat(raw.payload).isEqualTo("{\"jetstream\":{\"stream\":\"offers\"},\"payload\":\"x\"}");
        assertThat(new InputParser(16 * 1024).parse(raw).isValid()).isFalse();
    }

    @Test
    void undecodableBytesAreRejectedAsLive() {
        RawInput bad = live(SourceStream.CLAIMS, 3, "ngo-1", null);
        bad.undecodablePayload = "{\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        RawInput back = new StreamNumbering().next(ExportedMessage.line(bad, "pangan.in.claims.ngo-1"));
        ParsedInput parsed = new InputParser(16 * 1024).parse(back);
        assertThat(parsed.isValid()).isFalse();
    }
}
