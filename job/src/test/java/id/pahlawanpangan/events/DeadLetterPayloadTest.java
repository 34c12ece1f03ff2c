package id.pahlawanpangan.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Contract v1.1, section 1: how a dead letter carries the original payload. */
class DeadLetterPayloadTest {
    private static final int MAX = 16;

    @Test
    void plainTextWithinTheLimitIsKeptAsText() {
        DeadLetterPayload p = DeadLetterPayload.ofText("{not json", MAX);
        assertThat(p.text).isEqualTo("{not json");
        assertThat(p.base64).isNull();
        assertThat(p.truncated).isFalse();
    }

    @Test
    void textLongerThanTheLimitIsCutToItAtACharacterBoundaryAndMarked() {
        DeadLetterPayload ascii = DeadLetterPayload.ofText("x".repeat(40), MAX);
        assertThat(ascii.text).isEqualTo("x".repeat(16));
        assertThat(ascii.truncated).isTrue();
        // 15 ASCII bytes, then a 4-byte emoji that does not fit: cut before it, never inside it
        DeadLetterPayload emoji = DeadLetterPayload.ofText("y".repeat(15) + "\uD83C\uDF5A" + "z", MAX);
        assertThat(emoji.text).isEqualTo("y".repeat(15));
        assertThat(emoji.truncated).isTrue();
        assertThat(DeadLetterPayload.ofText("y".repeat(12) + "\uD83C\uDF5A", MAX).text).as("exactly the limit").endsWith("\uD83C\uDF5A");
        assertThat(DeadLetterPayload.ofText("y".repeat(12) + "\uD83C\uDF5A", MAX).truncated).isFalse();
    }

    @Test
    void textWithNulIsBase64EncodedFromItsUtf8Bytes() {
        DeadLetterPayload p = DeadLetterPayload.ofText("{\"a\":\"\0\"}", MAX);
        assertThat(p.text).isNull();
        assertThat(new String(Base64.getDecoder().decode(p.base64), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"\0\"}");
        assertThat(p.truncated).isFalse();
    }

    @Test
    void bytesThatAreNotUtf8AreBase64EncodedAndCutToTheLimit() {
        byte[] latin1 = "caf\u00e9 ".repeat(5).getBytes(StandardCharsets.ISO_8859_1);
        DeadLetterPayload p = DeadLetterPayload.ofBytes(latin1, MAX);
        assertThat(p.text).isNull();
        assertThat(Base64.getDecoder().decode(p.base64)).containsExactly(java.util.Arrays.copyOf(latin1, MAX));
        assertThat(p.truncated).isTrue();
    }

    @Test
    void bytesThatAreUtf8AreText() {
        DeadLetterPayload p = DeadLetterPayload.ofBytes("kue lapis".getBytes(StandardCharsets.UTF_8), MAX);
        assertThat(p.text).isEqualTo("kue lapis");
    }

    @Test
    void aPayloadOfQuotesNoLongerDoublesPastTheLimitWhenEchoed() {
        DeadLetterPayload p = DeadLetterPayload.ofText("\"".repeat(600_000), 16_384);
        assertThat(p.text).hasSize(16_384);
        assertThat(p.truncated).isTrue();
    }

    @Test
    void strictDecodingRefusesMalformedSequencesAndSurrogates() {
        assertThat(DeadLetterPayload.decodeStrictly(new byte[] {(byte) 0xC3, (byte) 0x28})).isNull();
        assertThat(DeadLetterPayload.decodeStrictly(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("a UTF-8-encoded surrogate").isNull();
        assertThat(DeadLetterPayload.decodeStrictly(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'})).isEqualTo("\uFEFF{}");
    }
}
