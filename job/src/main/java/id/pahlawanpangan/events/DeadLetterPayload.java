package id.pahlawanpangan.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The original payload as a dead letter carries it (contract v1.1, section 1): as text when it is
 * valid UTF-8 without NUL characters, otherwise base64-encoded; cut to at most the payload limit,
 * and marked when cut. Text is cut at a character boundary, so a cut text stays text.
 *
 * <p>Why: PostgreSQL refuses NUL in text and in JSONB, and an escaped echo of a payload of quotes
 * doubles its size past nats-server's maximum message: either made the sink refuse the dead
 * letter, and the job restart again and again, over one message.
 */
public final class DeadLetterPayload {
    /** At most one of these is set (neither for an empty message). */
    public final String text;
    public final String base64;
    public final boolean truncated;

    private DeadLetterPayload(String text, String base64, boolean truncated) {
        this.text = text;
        this.base64 = base64;
        this.truncated = truncated;
    }

    /** The dead letter of an input as it arrived: its bytes when they are not UTF-8, else its text. */
    public static DeadLetterPayload of(RawInput raw, int maxBytes) {
        return raw.undecodablePayload != null ? ofBytes(raw.undecodablePayload, maxBytes) : ofText(raw.payload, maxBytes);
    }

    /** A payload that arrived as text (valid UTF-8, or a replay file's line). */
    public static DeadLetterPayload ofText(String payload, int maxBytes) {
        if (payload == null) {
            return new DeadLetterPayload(null, null, false);
        }
        int end = prefixWithinBytes(payload, maxBytes);
        String kept = payload.substring(0, end);
        boolean truncated = end < payload.length();
        if (kept.indexOf('\0') >= 0) {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            return new DeadLetterPayload(null, Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, Math.min(bytes.length, maxBytes))),
                    bytes.length > maxBytes);
        }
        return new DeadLetterPayload(kept, null, truncated);
    }

    /** A payload as the bytes that arrived, whatever they are. */
    public static DeadLetterPayload ofBytes(byte[] payload, int maxBytes) {
        String text = decodeStrictly(payload);
        if (text != null) {
            return ofText(text, maxBytes);
        }
        byte[] kept = Arrays.copyOf(payload, Math.min(payload.length, maxBytes));
        return new DeadLetterPayload(null, Base64.getEncoder().encodeToString(kept), payload.length > maxBytes);
    }

    /** The text of valid UTF-8, or null. */
    public static String decodeStrictly(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The length of the longest prefix of whole characters whose UTF-8 encoding fits in {@code maxBytes}. */
    private static int prefixWithinBytes(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return i;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return i;
    }
}
