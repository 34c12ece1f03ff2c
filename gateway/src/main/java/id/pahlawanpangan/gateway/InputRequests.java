package id.pahlawanpangan.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import id.pahlawanpangan.events.RejectReason;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Turns an HTTP request into the input event its client may publish, or refuses it. The body is
 * the contract's event (section 1); what the route and the key already say — the type, the
 * provider or NGO, the offer of an action route — may be left out, and must agree when given.
 * {@code event_time} left out is the gateway's clock. The event is then checked by the job's own
 * {@link InputParser}, with now as its receive time: what the gateway accepts, the job accepts
 * (bar what only the job can know: {@code duplicate_offer_id}, {@code not_provider}, claims that
 * do not fit), and what it refuses gets the reason the dead letter would have carried.
 */
public final class InputRequests {
    // as strict as the job: a key given twice is ambiguous; numbers kept as written
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private final InputParser parser;
    private final LongSupplier clock;

    public InputRequests(InputParser parser, LongSupplier clock) {
        this.parser = parser;
        this.clock = clock;
    }

    public int maxPayloadBytes() {
        return parser.maxPayloadBytes();
    }

    /** {@code POST /v1/offers}. */
    public InputMessage offerPosted(Client client, byte[] body) {
        require(client, ClientRole.PROVIDER, "post offers");
        ObjectNode event = object(body, true);
        put(event, "type", InputType.OFFER_POSTED.wireName());
        own(client, event, "provider_id");
        return validated(client, InputType.OFFER_POSTED, event);
    }

    /** {@code POST /v1/offers/{offerId}/cancel}. */
    public InputMessage offerCancelled(Client client, String offerId, byte[] body) {
        require(client, ClientRole.PROVIDER, "cancel offers");
        ObjectNode event = object(body, false);
        put(event, "type", InputType.OFFER_CANCELLED.wireName());
        put(event, "offer_id", offerId);
        own(client, event, "provider_id");
        return validated(client, InputType.OFFER_CANCELLED, event);
    }

    /** {@code PUT /v1/ngos/{ngoId}/availability}. */
    public InputMessage availability(Client client, String ngoId, byte[] body) {
        require(client, ClientRole.NGO, "publish availability");
        if (!client.id().equals(ngoId)) {
            throw ApiError.identityMismatch(client, "ngo", ngoId);
        }
        ObjectNode event = object(body, true);
        put(event, "type", InputType.NGO_AVAILABILITY.wireName());
        own(client, event, "ngo_id");
        return validated(client, InputType.NGO_AVAILABILITY, event);
    }

    /** {@code POST /v1/offers/{offerId}/claim|decline|pickup}: the NGO's answer to an offer. */
    public InputMessage claim(Client client, String offerId, InputType type, byte[] body) {
        require(client, ClientRole.NGO, "claim, decline or pick up offers");
        ObjectNode event = object(body, type == InputType.PICKUP_COMPLETED);
        put(event, "type", type.wireName());
        put(event, "offer_id", offerId);
        own(client, event, "ngo_id");
        return validated(client, type, event);
    }

    private static void require(Client client, ClientRole role, String what) {
        if (client.role() != role) {
            throw ApiError.forbidden(client, what);
        }
    }

    private ObjectNode object(byte[] body, boolean required) {
        if (body.length > parser.maxPayloadBytes()) {
            throw new ApiError(413, RejectReason.PAYLOAD_TOO_LARGE, "an event is at most " + parser.maxPayloadBytes() + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest(RejectReason.INVALID_UTF8, "the body is not UTF-8");
        }
        if (text.isBlank()) {
            if (required) {
                throw ApiError.badRequest(RejectReason.MALFORMED_JSON, "this route needs the event as a JSON object");
            }
            return JSON.createObjectNode();
        }
        try (JsonParser p = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(p);
            if (!(node instanceof ObjectNode) || p.nextToken() != null) {
                throw ApiError.badRequest(RejectReason.MALFORMED_JSON, "the body is not one JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw ApiError.badRequest(RejectReason.MALFORMED_JSON, "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** A field the route fixes: absent, or the same value. */
    private static void put(ObjectNode event, String field, String value) {
        JsonNode given = event.get(field);
        if (given != null && !(given.isTextual() && given.textValue().equals(value))) {
            throw ApiError.badRequest("path_mismatch:" + field, "the body's " + field + " disagrees with the route (" + value + ")");
        }
        event.put(field, value);
    }

    /** The field naming the client itself: absent, or the client's own id. */
    private static void own(Client client, ObjectNode event, String field) {
        JsonNode given = event.get(field);
        if (given != null && !(given.isTextual() && given.textValue().equals(client.id()))) {
            throw ApiError.identityMismatch(client, field, given.toString());
        }
        event.put(field, client.id());
    }

    private InputMessage validated(Client client, InputType type, ObjectNode event) {
        SourceStream stream = type.stream();
        long now = clock.getAsLong();
        if (!event.has("event_time")) {
            event.put("event_time", Times.format(now));
        }
        String payload = event.toString();
        ParsedInput parsed = parser.parse(new RawInput(stream, 0, client.id(), payload, now));
        if (!parsed.isValid()) {
            int status = RejectReason.PAYLOAD_TOO_LARGE.equals(parsed.reason()) ? 413 : 400;
            throw new ApiError(status, parsed.reason(), explain(parsed.reason()));
        }
        return new InputMessage(type, client.id(), payload);
    }

    private static String explain(String reason) {
        if (reason.startsWith("missing_field:")) {
            return "the event lacks " + reason.substring(reason.indexOf(':') + 1);
        }
        if (reason.startsWith("out_of_range:")) {
            return reason.substring(reason.indexOf(':') + 1) + " is outside what the matching contract allows (section 1)";
        }
        if (RejectReason.EVENT_TIME_IN_FUTURE.equals(reason)) {
            return "event_time lies further ahead of the gateway's clock than input.max-clock-skew allows";
        }
        return "the event does not meet the matching contract (section 1): " + reason;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
