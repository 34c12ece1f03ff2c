package id.pahlawanpangan.events;

import static id.pahlawanpangan.events.RejectReason.forField;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Parses and validates input payloads against the contract (section 1). Never throws on bad
 * input: it returns a {@link ParsedInput} that names the first problem found.
 */
public final class InputParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    // contract v1.1, section 1: every number has an upper bound, and so does an offer's lifetime
    private static final double MAX_QUANTITY_KG = 10_000;
    private static final double MAX_RADIUS_KM = 50;
    private static final double MAX_CAPACITY_KG = 100_000;
    private static final double MAX_PICKED_KG = 10_000;
    private static final int MAX_PORTIONS = 1_000_000;
    private static final long MAX_OFFER_LIFETIME_MS = 30L * 24 * 3600 * 1000;

    // a key given twice is ambiguous (which provider_id is meant?): not valid JSON for us
    private static final ObjectMapper JSON = JsonMapper.builder(inputJson())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * How input JSON is read, here and by {@link ReplayLines#peek}, which must agree on what is an
     * event: a line read as an event must also be numbered in its event's stream. NaN and Infinity
     * are read so that they can be rejected as out of range, not as bad JSON. A number may be as
     * long as the payload: Jackson's default limit of 1000 characters made valid JSON (4.9E-324
     * written out in full, a 2000-digit quantity) malformed.
     */
    static JsonFactory inputJson() {
        return JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
                .build();
    }

    /** The contract's default {@code input.max-clock-skew}. */
    public static final long DEFAULT_MAX_CLOCK_SKEW_MS = 60_000;

    private final int maxPayloadBytes;
    private final long maxClockSkewMs;

    public InputParser(int maxPayloadBytes) {
        this(maxPayloadBytes, DEFAULT_MAX_CLOCK_SKEW_MS);
    }

    /**
     * @param maxClockSkewMs how far an event's time may lie ahead of its receive time; beyond it
     *     the event is rejected ({@code event_time_in_future}), so that no publisher's clock moves
     *     the job's time for anyone else
     */
    public InputParser(int maxPayloadBytes, long maxClockSkewMs) {
        if (maxClockSkewMs < 0) {
            throw new IllegalArgumentException("input.max-clock-skew must not be negative, was " + maxClockSkewMs + " ms");
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxClockSkewMs = maxClockSkewMs;
    }

    /** The payload limit: larger payloads are rejected, and dead letters cut to it. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public ParsedInput parse(RawInput raw) {
        Fields fields = null;
        try {
            if (raw.undecodablePayload != null) {
                throw new InvalidInputException(raw.undecodablePayload.length > maxPayloadBytes
                        ? RejectReason.PAYLOAD_TOO_LARGE : RejectReason.INVALID_UTF8);
            }
            if (raw.payload == null) {
                throw new InvalidInputException(RejectReason.MALFORMED_JSON);
            }
            if (isLargerThan(raw.payload, maxPayloadBytes)) {
                throw new InvalidInputException(RejectReason.PAYLOAD_TOO_LARGE);
            }
            if (raw.receiveTimeProblem != null) {
                throw new InvalidInputException(raw.receiveTimeProblem);
            }
            fields = new Fields(readObject(raw.payload));
            InputEvent event = readEvent(fields);
            checkPublisher(raw, event);
            checkClock(raw, event);
            event.stream = event.type.stream();
            event.seq = raw.seq;
            event.receivedAt = raw.receivedAt;
            if (event.type.stream() == SourceStream.OFFERS) {
                event.payload = raw.payload;
            }
            return ParsedInput.valid(event);
        } catch (InvalidInputException e) {
            // an event dated too far ahead is dated when it was received: its own time is what is not trusted
            long at = fields != null && !RejectReason.EVENT_TIME_IN_FUTURE.equals(e.reason())
                    ? fields.timeOrDefault("event_time", raw.fallbackTime) : raw.fallbackTime;
            String offerId = fields != null ? fields.idOrNull("offer_id") : null;
            return ParsedInput.rejected(e.reason(), at, offerId);
        }
    }

    private static ObjectNode readObject(String payload) throws InvalidInputException {
        try (JsonParser parser = JSON.getFactory().createParser(payload)) {
            JsonNode node = JSON.readTree(parser);
            if (!(node instanceof ObjectNode) || parser.nextToken() != null) {
                // not an object, or trailing content after it
                throw new InvalidInputException(RejectReason.MALFORMED_JSON);
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new InvalidInputException(RejectReason.MALFORMED_JSON);
        }
    }

    private static InputEvent readEvent(Fields f) throws InvalidInputException {
        InputType type = InputType.fromWire(f.string("type"));
        if (type == null) {
            throw new InvalidInputException(RejectReason.UNKNOWN_TYPE);
        }
        InputEvent e = new InputEvent();
        e.type = type;
        switch (type) {
            case OFFER_POSTED:
                e.offerId = f.id("offer_id");
                e.providerId = f.id("provider_id");
                e.lat = f.latitude("lat");
                e.lon = f.longitude("lon");
                e.category = f.category("category");
                e.quantityKg = f.number("quantity_kg", 0, false, MAX_QUANTITY_KG);
                e.portions = f.optionalCount("portions", MAX_PORTIONS);
                e.halal = f.bool("halal");
                e.vegetarian = f.optionalBool("vegetarian", false);
                e.needsColdChain = f.bool("needs_cold_chain");
                e.readyAt = f.time("ready_at");
                e.expiresAt = f.time("expires_at");
                e.eventTime = f.time("event_time");
                if (e.expiresAt <= e.readyAt) {
                    throw new InvalidInputException(RejectReason.EXPIRES_BEFORE_READY);
                }
                if (e.expiresAt <= e.eventTime) {
                    throw new InvalidInputException(RejectReason.EXPIRES_BEFORE_EVENT_TIME);
                }
                if (e.expiresAt - e.eventTime > MAX_OFFER_LIFETIME_MS) {
                    // the publisher would decide how long the job keeps the offer's state
                    throw new InvalidInputException(forField(RejectReason.OUT_OF_RANGE, "expires_at"));
                }
                break;
            case OFFER_CANCELLED:
                e.offerId = f.id("offer_id");
                e.providerId = f.id("provider_id");
                e.eventTime = f.time("event_time");
                break;
            case NGO_AVAILABILITY:
                e.ngoId = f.id("ngo_id");
                e.lat = f.latitude("lat");
                e.lon = f.longitude("lon");
                e.radiusKm = f.number("radius_km", 0, false, MAX_RADIUS_KM);
                e.capacityKg = f.number("capacity_kg", 0, true, MAX_CAPACITY_KG);
                e.accepts = f.categories("accepts");
                e.halalOnly = f.bool("halal_only");
                e.vegetarianOnly = f.optionalBool("vegetarian_only", false);
                e.hasColdChain = f.bool("has_cold_chain");
                e.active = f.bool("active");
                e.eventTime = f.time("event_time");
                break;
            case CLAIM_ACCEPTED:
            case CLAIM_DECLINED:
                e.offerId = f.id("offer_id");
                e.ngoId = f.id("ngo_id");
                e.eventTime = f.time("event_time");
                break;
            case PICKUP_COMPLETED:
                e.offerId = f.id("offer_id");
                e.ngoId = f.id("ngo_id");
                e.pickedKg = f.number("picked_kg", 0, true, MAX_PICKED_KG);
                e.eventTime = f.time("event_time");
                break;
            default:
                throw new IllegalStateException("unhandled type " + type);
        }
        return e;
    }

    /**
     * Publishers are bound to their own subjects: the stream must carry this type, and the id
     * the subject names must be the event's provider (offers) or NGO (everything else).
     */
    private static void checkPublisher(RawInput raw, InputEvent e) throws InvalidInputException {
        if (raw.stream != null && raw.stream != SourceStream.UNROUTED && raw.stream != e.type.stream()) {
            throw new InvalidInputException(RejectReason.IDENTITY_MISMATCH);
        }
        if (raw.publisherId != null) {
            String claimed = e.type.stream() == SourceStream.OFFERS ? e.providerId : e.ngoId;
            if (!raw.publisherId.equals(claimed)) {
                throw new InvalidInputException(RejectReason.IDENTITY_MISMATCH);
            }
        }
    }

    /**
     * An event dated further ahead of its receive time than the allowed skew would hold its own
     * decisions back and, if it could move time, end everyone else's holds early: rejected. A
     * message whose receive time is not known (a replay line without one) is not checked.
     */
    private void checkClock(RawInput raw, InputEvent e) throws InvalidInputException {
        if (raw.hasReceiveTime() && e.eventTime > raw.receivedAt + maxClockSkewMs) {
            throw new InvalidInputException(RejectReason.EVENT_TIME_IN_FUTURE);
        }
    }

    private static boolean isLargerThan(String payload, int maxBytes) {
        // every char takes at least one UTF-8 byte, so a long string needs no encoding to tell
        return payload.length() > maxBytes || payload.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    /** Typed access to the fields of one payload; each failure names the field. */
    private static final class Fields {
        private final ObjectNode node;

        Fields(ObjectNode node) {
            this.node = node;
        }

        private JsonNode required(String name) throws InvalidInputException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw new InvalidInputException(forField(RejectReason.MISSING_FIELD, name));
            }
            return v;
        }

        String string(String name) throws InvalidInputException {
            JsonNode v = required(name);
            if (!v.isTextual()) {
                throw new InvalidInputException(forField(RejectReason.INVALID_TYPE, name));
            }
            return v.textValue();
        }

        String id(String name) throws InvalidInputException {
            String v = string(name);
            if (!ID.matcher(v).matches()) {
                throw new InvalidInputException(forField(RejectReason.INVALID_ID, name));
            }
            return v;
        }

        String idOrNull(String name) {
            JsonNode v = node.get(name);
            return v != null && v.isTextual() && ID.matcher(v.textValue()).matches() ? v.textValue() : null;
        }

        double number(String name, double min, boolean minInclusive, double max) throws InvalidInputException {
            JsonNode v = required(name);
            if (!v.isNumber()) {
                throw new InvalidInputException(forField(RejectReason.INVALID_TYPE, name));
            }
            double d = v.doubleValue();
            boolean aboveMin = minInclusive ? d >= min : d > min;
            if (Double.isNaN(d) || !aboveMin || d > max) {
                throw new InvalidInputException(forField(RejectReason.OUT_OF_RANGE, name));
            }
            return d;
        }

        double latitude(String name) throws InvalidInputException {
            return number(name, -90, true, 90);
        }

        double longitude(String name) throws InvalidInputException {
            return number(name, -180, true, 180);
        }

        Integer optionalCount(String name, int max) throws InvalidInputException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                throw new InvalidInputException(forField(RejectReason.INVALID_TYPE, name));
            }
            if (!v.canConvertToInt() || v.doubleValue() != Math.rint(v.doubleValue()) || v.doubleValue() < 0 || v.doubleValue() > max) {
                throw new InvalidInputException(forField(RejectReason.OUT_OF_RANGE, name));
            }
            return v.intValue();
        }

        boolean bool(String name) throws InvalidInputException {
            JsonNode v = required(name);
            if (!v.isBoolean()) {
                throw new InvalidInputException(forField(RejectReason.INVALID_TYPE, name));
            }
            return v.booleanValue();
        }

        boolean optionalBool(String name, boolean defaultValue) throws InvalidInputException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return defaultValue;
            }
            if (!v.isBoolean()) {
                throw new InvalidInputException(forField(RejectReason.INVALID_TYPE, name));
            }
            return v.booleanValue();
        }

        long time(String name) throws InvalidInputException {
            return Times.parseContractTime(string(name), name);
        }

        long timeOrDefault(String name, long defaultValue) {
            try {
                return node.has(name) ? time(name) : defaultValue;
            } catch (InvalidInputException e) {
                return defaultValue;
            }
        }

        Category category(String name) throws InvalidInputException {
            Category c = Category.fromWire(string(name));
            if (c == null) {
                throw new InvalidInputException(RejectReason.UNKNOWN_CATEGORY);
            }
            return c;
        }

        int categories(String name) throws InvalidInputException {
            JsonNode v = required(name);
            if (!v.isArray()) {
                throw new InvalidInputException(forField(RejectReason.INVALID_TYPE, name));
            }
            if (v.isEmpty()) {
                throw new InvalidInputException(forField(RejectReason.OUT_OF_RANGE, name));
            }
            int mask = 0;
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw new InvalidInputException(forField(RejectReason.INVALID_TYPE, name));
                }
                Category c = Category.fromWire(item.textValue());
                if (c == null) {
                    throw new InvalidInputException(RejectReason.UNKNOWN_CATEGORY);
                }
                mask |= c.bit();
            }
            return mask;
        }
    }
}
