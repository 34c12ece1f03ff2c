package id.pahlawanpangan.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser against the contract's section 1: what is a valid input, and why others are rejected. */
class InputParserTest {
    private static final int MAX_BYTES = 4096;
    /** 2026-11-25T12:15:00.123Z: after every event time of the payloads below. */
    private static final long RECEIVED_AT = 1_795_608_900_123L;
    private static final long SEQ = 42;

    /** 2026-11-25T10:15:00Z in epoch milliseconds. */
    private static final long T0 = 1_795_601_700_000L;
    private static final long HOUR = 3_600_000L;

    private final InputParser parser = new InputParser(MAX_BYTES);

    // ---------------------------------------------------------------- payload builders

    /** Field name to raw JSON value text, in insertion order. */
    private static Map<String, String> offerPosted() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", q("offer.posted"));
        f.put("offer_id", q("off-1.a:b_c"));
        f.put("provider_id", q("prov-7"));
        f.put("lat", "-6.2");
        f.put("lon", "106.85");
        f.put("category", q("bakery"));
        f.put("quantity_kg", "12.5");
        f.put("portions", "40");
        f.put("halal", "true");
        f.put("vegetarian", "true");
        f.put("needs_cold_chain", "true");
        f.put("ready_at", q("2026-11-25T10:15:00Z"));
        f.put("expires_at", q("2026-11-25T14:15:00.250Z"));
        f.put("event_time", q("2026-11-25T10:14:59.500Z"));
        return f;
    }

    private static Map<String, String> offerCancelled() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", q("offer.cancelled"));
        f.put("offer_id", q("off-1"));
        f.put("provider_id", q("prov-7"));
        f.put("event_time", q("2026-11-25T11:00:00Z"));
        return f;
    }

    private static Map<String, String> ngoAvailability() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", q("ngo.availability"));
        f.put("ngo_id", q("ngo-3"));
        f.put("lat", "3.59");
        f.put("lon", "98.67");
        f.put("radius_km", "7.5");
        f.put("capacity_kg", "30");
        f.put("accepts", "[\"bakery\", \"produce\", \"bakery\"]");
        f.put("halal_only", "true");
        f.put("vegetarian_only", "true");
        f.put("has_cold_chain", "true");
        f.put("active", "true");
        f.put("event_time", q("2026-11-25T10:00:00.001Z"));
        return f;
    }

    private static Map<String, String> claim(String type) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", q(type));
        f.put("offer_id", q("off-1"));
        f.put("ngo_id", q("ngo-3"));
        f.put("event_time", q("2026-11-25T10:20:00Z"));
        return f;
    }

    private static Map<String, String> pickupCompleted() {
        Map<String, String> f = claim("pickup.completed");
        f.put("picked_kg", "11.25");
        return f;
    }

    private static Map<String, String> validOfType(String type) {
        switch (type) {
            case "offer.posted":
                return offerPosted();
            case "offer.cancelled":
                return offerCancelled();
            case "ngo.availability":
                return ngoAvailability();
            case "claim.accepted":
            case "claim.declined":
                return claim(type);
            case "pickup.completed":
                return pickupCompleted();
            default:
                throw new IllegalArgumentException(type);
        }
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String rawValue) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(name, rawValue);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> fields, String name) {
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.remove(name);
        return copy;
    }

    private static String json(Map<String, String> fields) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(q(e.getKey())).append(": ").append(e.getValue());
        }
        return b.append('}').toString();
    }

    private ParsedInput parse(String payload) {
        return parser.parse(new RawInput(null, SEQ, null, payload, RECEIVED_AT));
    }

    private ParsedInput parse(Map<String, String> fields) {
        return parse(json(fields));
    }

    private InputEvent parseValid(Map<String, String> fields) {
        ParsedInput parsed = parse(fields);
        assertThat(parsed.reason()).as("rejection of %s", json(fields)).isNull();
        assertThat(parsed.isValid()).isTrue();
        return parsed.event();
    }

    private static void assertRejected(ParsedInput parsed, String reason) {
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.event()).isNull();
        assertThat(parsed.reason()).isEqualTo(reason);
    }

    private void assertRejected(Map<String, String> fields, String reason) {
        assertRejected(parse(fields), reason);
    }

    private void assertRejected(String payload, String reason) {
        assertRejected(parse(payload), reason);
    }

    // ---------------------------------------------------------------- valid events

    @Test
    void offerPostedParsesEveryFieldWithTimesInEpochMillis() {
        String payload = json(offerPosted());
        ParsedInput parsed = parse(payload);
        assertThat(parsed.isValid()).isTrue();
        InputEvent e = parsed.event();

        assertThat(e.type).isEqualTo(InputType.OFFER_POSTED);
        assertThat(e.offerId).isEqualTo("off-1.a:b_c");
        assertThat(e.providerId).isEqualTo("prov-7");
        assertThat(e.ngoId).isNull();
        assertThat(e.lat).isEqualTo(-6.2);
        assertThat(e.lon).isEqualTo(106.85);
        assertThat(e.category).isEqualTo(Category.BAKERY);
        assertThat(e.quantityKg).isEqualTo(12.5);
        assertThat(e.portions).isEqualTo(40);
        assertThat(e.halal).isTrue();
        assertThat(e.vegetarian).isTrue();
        assertThat(e.needsColdChain).isTrue();
        assertThat(e.readyAt).isEqualTo(T0);
        assertThat(e.expiresAt).isEqualTo(T0 + 4 * HOUR + 250);
        assertThat(e.eventTime).isEqualTo(T0 - 500);
        // where it came from; offer-stream events keep their payload for later rejections
        assertThat(e.stream).isEqualTo(SourceStream.OFFERS);
        assertThat(e.seq).isEqualTo(SEQ);
        assertThat(e.payload).isEqualTo(payload);

        assertThat(parsed.at()).isEqualTo(T0 - 500);
        assertThat(parsed.offerId()).isEqualTo("off-1.a:b_c");
    }

    @Test
    void aNumberIsReadWhateverItsLengthAndThenCheckedAgainstItsRange() {
        // JSON numbers have no length limit: 4.9E-324 written out in full is a valid quantity, 2000 digits are out of range
        String smallest = new java.math.BigDecimal(Double.MIN_VALUE).toPlainString();
        assertThat(smallest).hasSizeGreaterThan(1000);
        assertThat(parseValid(with(offerPosted(), "quantity_kg", smallest)).quantityKg).isEqualTo(Double.MIN_VALUE);
        assertThat(parse(with(offerPosted(), "quantity_kg", "9".repeat(2000))).reason()).isEqualTo("out_of_range:quantity_kg");
        assertThat(parse(with(offerPosted(), "portions", "1" + "0".repeat(1500))).reason()).isEqualTo("out_of_range:portions");
    }

    @Test
    void offerPostedFlagsAreReadAsGiven() {
        Map<String, String> f = with(with(with(offerPosted(), "halal", "false"), "vegetarian", "false"), "needs_cold_chain", "false");
        InputEvent e = parseValid(with(f, "category", q("cooked_meal")));
        assertThat(e.halal).isFalse();
        assertThat(e.vegetarian).isFalse();
        assertThat(e.needsColdChain).isFalse();
        assertThat(e.category).isEqualTo(Category.COOKED_MEAL);

        InputEvent g = parseValid(with(with(offerPosted(), "halal", "true"), "vegetarian", "false"));
        assertThat(g.halal).isTrue();
        assertThat(g.vegetarian).isFalse();
    }

    @Test
    void everyContractCategoryIsKnown() {
        Map<String, Category> wire = Map.of(
                "cooked_meal", Category.COOKED_MEAL, "bakery", Category.BAKERY, "produce", Category.PRODUCE,
                "dairy", Category.DAIRY, "packaged", Category.PACKAGED, "frozen", Category.FROZEN);
        for (Map.Entry<String, Category> c : wire.entrySet()) {
            assertThat(parseValid(with(offerPosted(), "category", q(c.getKey()))).category).isEqualTo(c.getValue());
        }
    }

    @Test
    void offerPostedVegetarianDefaultsToFalseAndPortionsAreOptional() {
        InputEvent e = parseValid(without(without(offerPosted(), "vegetarian"), "portions"));
        assertThat(e.vegetarian).isFalse();
        assertThat(e.portions).isNull();

        InputEvent explicitNulls = parseValid(with(with(offerPosted(), "vegetarian", "null"), "portions", "null"));
        assertThat(explicitNulls.vegetarian).isFalse();
        assertThat(explicitNulls.portions).isNull();

        assertThat(parseValid(with(offerPosted(), "portions", "0")).portions).isEqualTo(0);
        assertThat(parseValid(with(offerPosted(), "portions", "3.0")).portions).isEqualTo(3);
    }

    @Test
    void offerCancelledParses() {
        ParsedInput parsed = parse(offerCancelled());
        InputEvent e = parsed.event();
        assertThat(e.type).isEqualTo(InputType.OFFER_CANCELLED);
        assertThat(e.offerId).isEqualTo("off-1");
        assertThat(e.providerId).isEqualTo("prov-7");
        assertThat(e.ngoId).isNull();
        assertThat(e.eventTime).isEqualTo(T0 + 45 * 60_000L);
        assertThat(e.stream).isEqualTo(SourceStream.OFFERS);
        assertThat(e.seq).isEqualTo(SEQ);
        assertThat(e.payload).isEqualTo(json(offerCancelled()));
        assertThat(parsed.at()).isEqualTo(T0 + 45 * 60_000L);
        assertThat(parsed.offerId()).isEqualTo("off-1");
    }

    @Test
    void ngoAvailabilityParsesWithAcceptsAsCategoryBitMask() {
        ParsedInput parsed = parse(ngoAvailability());
        InputEvent e = parsed.event();
        assertThat(e.type).isEqualTo(InputType.NGO_AVAILABILITY);
        assertThat(e.ngoId).isEqualTo("ngo-3");
        assertThat(e.offerId).isNull();
        assertThat(e.providerId).isNull();
        assertThat(e.lat).isEqualTo(3.59);
        assertThat(e.lon).isEqualTo(98.67);
        assertThat(e.radiusKm).isEqualTo(7.5);
        assertThat(e.capacityKg).isEqualTo(30.0);
        assertThat(e.accepts).isEqualTo(Category.BAKERY.bit() | Category.PRODUCE.bit());
        for (Category c : Category.values()) {
            assertThat(c.isIn(e.accepts)).as(c.wireName()).isEqualTo(c == Category.BAKERY || c == Category.PRODUCE);
        }
        assertThat(e.halalOnly).isTrue();
        assertThat(e.vegetarianOnly).isTrue();
        assertThat(e.hasColdChain).isTrue();
        assertThat(e.active).isTrue();
        assertThat(e.eventTime).isEqualTo(T0 - 15 * 60_000L + 1);
        assertThat(e.stream).isEqualTo(SourceStream.NGOS);
        assertThat(e.seq).isEqualTo(SEQ);
        // only offer-stream events keep their payload
        assertThat(e.payload).isNull();
        assertThat(parsed.at()).isEqualTo(e.eventTime);
        assertThat(parsed.offerId()).isNull();
    }

    @Test
    void ngoAvailabilityAcceptingEveryCategorySetsEveryBit() {
        InputEvent e = parseValid(with(ngoAvailability(), "accepts",
                "[\"cooked_meal\",\"bakery\",\"produce\",\"dairy\",\"packaged\",\"frozen\"]"));
        for (Category c : Category.values()) {
            assertThat(c.isIn(e.accepts)).as(c.wireName()).isTrue();
        }
    }

    @Test
    void ngoAvailabilityVegetarianOnlyDefaultsToFalseAndFlagsAreReadAsGiven() {
        Map<String, String> f = without(ngoAvailability(), "vegetarian_only");
        f = with(with(with(f, "halal_only", "false"), "has_cold_chain", "false"), "active", "false");
        InputEvent e = parseValid(f);
        assertThat(e.vegetarianOnly).isFalse();
        assertThat(e.halalOnly).isFalse();
        assertThat(e.hasColdChain).isFalse();
        assertThat(e.active).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"claim.accepted, CLAIM_ACCEPTED", "claim.declined, CLAIM_DECLINED"})
    void claimEventsParse(String wire, InputType type) {
        ParsedInput parsed = parse(claim(wire));
        InputEvent e = parsed.event();
        assertThat(e.type).isEqualTo(type);
        assertThat(e.offerId).isEqualTo("off-1");
        assertThat(e.ngoId).isEqualTo("ngo-3");
        assertThat(e.providerId).isNull();
        assertThat(e.eventTime).isEqualTo(T0 + 5 * 60_000L);
        assertThat(e.stream).isEqualTo(SourceStream.CLAIMS);
        assertThat(e.seq).isEqualTo(SEQ);
        assertThat(e.payload).isNull();
        assertThat(parsed.at()).isEqualTo(T0 + 5 * 60_000L);
        assertThat(parsed.offerId()).isEqualTo("off-1");
    }

    @Test
    void pickupCompletedParses() {
        InputEvent e = parseValid(pickupCompleted());
        assertThat(e.type).isEqualTo(InputType.PICKUP_COMPLETED);
        assertThat(e.offerId).isEqualTo("off-1");
        assertThat(e.ngoId).isEqualTo("ngo-3");
        assertThat(e.pickedKg).isEqualTo(11.25);
        assertThat(e.eventTime).isEqualTo(T0 + 5 * 60_000L);
        assertThat(e.stream).isEqualTo(SourceStream.CLAIMS);
        assertThat(e.payload).isNull();
    }

    @Test
    void unknownExtraFieldsAreIgnored() {
        InputEvent e = parseValid(with(offerPosted(), "note", q("extra")));
        assertThat(e.offerId).isEqualTo("off-1.a:b_c");
    }

    static Stream<Arguments> validBoundaries() {
        return Stream.of(
                Arguments.of("offer.posted", "lat", "90"),
                Arguments.of("offer.posted", "lat", "-90"),
                Arguments.of("offer.posted", "lat", "90.0"),
                Arguments.of("offer.posted", "lon", "180"),
                Arguments.of("offer.posted", "lon", "-180"),
                Arguments.of("offer.posted", "quantity_kg", "10000"),
                Arguments.of("offer.posted", "quantity_kg", "0.001"),
                Arguments.of("offer.posted", "portions", "0"),
                Arguments.of("ngo.availability", "lat", "-90"),
                Arguments.of("ngo.availability", "lon", "180"),
                Arguments.of("ngo.availability", "radius_km", "50"),
                Arguments.of("ngo.availability", "radius_km", "0.01"),
                Arguments.of("ngo.availability", "capacity_kg", "0"),
                Arguments.of("ngo.availability", "capacity_kg", "100000"),
                Arguments.of("ngo.availability", "accepts", "[\"frozen\"]"),
                Arguments.of("offer.posted", "portions", "1000000"),
                Arguments.of("pickup.completed", "picked_kg", "0"),
                Arguments.of("pickup.completed", "picked_kg", "10000"));
    }

    @ParameterizedTest(name = "{0} {1}={2} is valid")
    @MethodSource("validBoundaries")
    void boundaryValuesAreValid(String type, String field, String rawValue) {
        InputEvent e = parseValid(with(validOfType(type), field, rawValue));
        assertThat(e.type.wireName()).isEqualTo(type);
    }

    @Test
    void boundaryValuesAreReadExactly() {
        assertThat(parseValid(with(offerPosted(), "lat", "90")).lat).isEqualTo(90.0);
        assertThat(parseValid(with(offerPosted(), "lon", "180")).lon).isEqualTo(180.0);
        assertThat(parseValid(with(offerPosted(), "quantity_kg", "10000")).quantityKg).isEqualTo(10_000.0);
        assertThat(parseValid(with(ngoAvailability(), "radius_km", "50")).radiusKm).isEqualTo(50.0);
        assertThat(parseValid(with(ngoAvailability(), "capacity_kg", "0")).capacityKg).isEqualTo(0.0);
        assertThat(parseValid(with(pickupCompleted(), "picked_kg", "0")).pickedKg).isEqualTo(0.0);
    }

    @Test
    void anIdOf64CharactersIsValid() {
        String id64 = "a".repeat(60) + "9._:";
        assertThat(id64).hasSize(64);
        assertThat(parseValid(with(offerPosted(), "offer_id", q(id64))).offerId).isEqualTo(id64);
        assertThat(parseValid(with(ngoAvailability(), "ngo_id", q(id64))).ngoId).isEqualTo(id64);
    }

    @Test
    void millisecondsAreOptionalInTimes() {
        InputEvent e = parseValid(with(offerCancelled(), "event_time", q("2026-11-25T10:15:00.007Z")));
        assertThat(e.eventTime).isEqualTo(T0 + 7);
        assertThat(parseValid(with(offerCancelled(), "event_time", q("2026-11-25T10:15:00Z"))).eventTime).isEqualTo(T0);
    }

    // ---------------------------------------------------------------- malformed_json

    static Stream<String> notJsonObjects() {
        return Stream.of(
                "offer.posted off-1 lat=1",
                "{\"type\": \"offer.cancelled\", \"offer_id\": ",
                "{type: \"offer.cancelled\"}",
                "{\"type\": 'offer.cancelled'}",
                "\"offer.cancelled\"",
                "42",
                "null",
                "true");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notJsonObjects")
    void notAJsonObjectIsMalformedJson(String payload) {
        assertRejected(payload, RejectReason.MALFORMED_JSON);
    }

    @Test
    void aMissingPayloadIsMalformedJson() {
        assertThat(parser.parse(new RawInput(SourceStream.OFFERS, 0, null, null, 0)).reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    }

    @Test
    void aKeyGivenTwiceIsMalformedJson() {
        String twice = json(offerCancelled()).replaceFirst("\\{", "{\"provider_id\":\"prov-x\",");
        assertRejected(twice, RejectReason.MALFORMED_JSON);
    }

    @Test
    void emptyAndBlankPayloadsAreMalformedJson() {
        assertRejected("", RejectReason.MALFORMED_JSON);
        assertRejected("   ", RejectReason.MALFORMED_JSON);
    }

    @Test
    void aJsonArrayIsMalformedJson() {
        assertRejected("[" + json(offerCancelled()) + "]", RejectReason.MALFORMED_JSON);
        assertRejected("[]", RejectReason.MALFORMED_JSON);
    }

    @Test
    void trailingGarbageAfterTheObjectIsMalformedJson() {
        String valid = json(offerCancelled());
        assertRejected(valid + " x", RejectReason.MALFORMED_JSON);
        assertRejected(valid + "}", RejectReason.MALFORMED_JSON);
        assertRejected(valid + " " + valid, RejectReason.MALFORMED_JSON);
        assertRejected(valid + " 1", RejectReason.MALFORMED_JSON);
        assertRejected(valid + ",", RejectReason.MALFORMED_JSON);
        // surrounding whitespace is not garbage
        assertThat(parse("  " + valid + " \n").isValid()).isTrue();
    }

    @Test
    void malformedJsonIsRejectedAtTheReceptionTimeWithoutAnOffer() {
        ParsedInput parsed = parse(json(offerCancelled()) + " x");
        assertRejected(parsed, RejectReason.MALFORMED_JSON);
        assertThat(parsed.at()).isEqualTo(RECEIVED_AT);
        assertThat(parsed.offerId()).isNull();
    }

    // ---------------------------------------------------------------- payload_too_large

    @Test
    void aPayloadOverTheByteLimitIsTooLarge() {
        String base = json(with(offerCancelled(), "note", q("")));
        int limit = base.length() + 10;
        InputParser small = new InputParser(limit);

        String atLimit = json(with(offerCancelled(), "note", q("x".repeat(10))));
        assertThat(atLimit.getBytes(UTF_8)).hasSize(limit);
        assertThat(small.parse(new RawInput(null, 1, null, atLimit, RECEIVED_AT)).isValid()).isTrue();

        String overLimit = json(with(offerCancelled(), "note", q("x".repeat(11))));
        assertRejected(small.parse(new RawInput(null, 1, null, overLimit, RECEIVED_AT)), RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void thePayloadLimitCountsUtf8BytesNotCharacters() {
        String base = json(with(offerCancelled(), "note", q("")));
        int limit = base.length() + 30;
        InputParser small = new InputParser(limit);

        // ten euro signs: 10 characters, 30 bytes: exactly at the limit
        String atLimit = json(with(offerCancelled(), "note", q("\u20ac".repeat(10))));
        assertThat(atLimit.getBytes(UTF_8)).hasSize(limit);
        assertThat(small.parse(new RawInput(null, 1, null, atLimit, RECEIVED_AT)).isValid()).isTrue();

        // eleven: still far fewer characters than the limit, but 33 bytes
        String overLimit = json(with(offerCancelled(), "note", q("\u20ac".repeat(11))));
        assertThat(overLimit.length()).isLessThan(limit);
        assertRejected(small.parse(new RawInput(null, 1, null, overLimit, RECEIVED_AT)), RejectReason.PAYLOAD_TOO_LARGE);

        // a 4-byte character is two chars in Java but four bytes on the wire
        String emoji = json(with(offerCancelled(), "note", q("\uD83C\uDF5E".repeat(8))));
        assertThat(emoji.length()).isEqualTo(base.length() + 16);
        assertThat(emoji.getBytes(UTF_8)).hasSize(base.length() + 32);
        assertRejected(small.parse(new RawInput(null, 1, null, emoji, RECEIVED_AT)), RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anOversizedPayloadIsTooLargeEvenWhenItIsNotJson() {
        InputParser small = new InputParser(16);
        assertRejected(small.parse(new RawInput(null, 1, null, "x".repeat(17), RECEIVED_AT)), RejectReason.PAYLOAD_TOO_LARGE);
    }

    // ---------------------------------------------------------------- unknown_type

    @ParameterizedTest
    @CsvSource({"offer.updated", "OFFER.POSTED", "'offer.posted '", "''", "input.rejected", "offer.proposed", "pangan.source-caught-up"})
    void aTypeTheContractDoesNotHaveIsUnknown(String type) {
        assertRejected(with(offerPosted(), "type", q(type)), RejectReason.UNKNOWN_TYPE);
    }

    @Test
    void aMissingOrNonTextTypeNamesTheTypeField() {
        assertRejected(without(offerCancelled(), "type"), "missing_field:type");
        assertRejected(with(offerCancelled(), "type", "null"), "missing_field:type");
        assertRejected(with(offerCancelled(), "type", "5"), "invalid_type:type");
    }

    // ---------------------------------------------------------------- missing_field

    static Stream<Arguments> requiredFields() {
        List<Arguments> cases = new ArrayList<>();
        for (String type : List.of("offer.posted", "offer.cancelled", "ngo.availability", "claim.accepted", "claim.declined", "pickup.completed")) {
            for (String field : validOfType(type).keySet()) {
                if (!List.of("type", "portions", "vegetarian", "vegetarian_only").contains(field)) {
                    cases.add(Arguments.of(type, field));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void everyRequiredFieldIsRequired(String type, String field) {
        assertRejected(without(validOfType(type), field), "missing_field:" + field);
        // an explicit null is as good as absent
        assertRejected(with(validOfType(type), field, "null"), "missing_field:" + field);
    }

    // ---------------------------------------------------------------- invalid_type

    static Stream<Arguments> wrongJsonTypes() {
        return Stream.of(
                Arguments.of("offer.posted", "lat", q("1.5")),
                Arguments.of("offer.posted", "lon", "true"),
                Arguments.of("offer.posted", "quantity_kg", q("5")),
                Arguments.of("offer.posted", "portions", q("3")),
                Arguments.of("offer.posted", "halal", q("true")),
                Arguments.of("offer.posted", "halal", "1"),
                Arguments.of("offer.posted", "vegetarian", q("yes")),
                Arguments.of("offer.posted", "needs_cold_chain", "0"),
                Arguments.of("offer.posted", "category", "3"),
                Arguments.of("offer.posted", "offer_id", "12"),
                Arguments.of("offer.posted", "provider_id", "{}"),
                Arguments.of("offer.posted", "ready_at", "1795601700000"),
                Arguments.of("offer.posted", "event_time", "1795601700000"),
                Arguments.of("ngo.availability", "ngo_id", "[\"ngo-3\"]"),
                Arguments.of("ngo.availability", "lat", q("3.59")),
                Arguments.of("ngo.availability", "radius_km", q("5")),
                Arguments.of("ngo.availability", "capacity_kg", "false"),
                Arguments.of("ngo.availability", "accepts", q("bakery")),
                Arguments.of("ngo.availability", "accepts", "[1]"),
                Arguments.of("ngo.availability", "accepts", "[\"bakery\", null]"),
                Arguments.of("ngo.availability", "halal_only", q("false")),
                Arguments.of("ngo.availability", "vegetarian_only", q("false")),
                Arguments.of("ngo.availability", "has_cold_chain", "1"),
                Arguments.of("ngo.availability", "active", q("true")),
                Arguments.of("claim.accepted", "ngo_id", "7"),
                Arguments.of("pickup.completed", "picked_kg", q("2")));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("wrongJsonTypes")
    void aValueOfTheWrongJsonTypeIsInvalidType(String type, String field, String rawValue) {
        assertRejected(with(validOfType(type), field, rawValue), "invalid_type:" + field);
    }

    // ---------------------------------------------------------------- out_of_range

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("offer.posted", "lat", "90.0001"),
                Arguments.of("offer.posted", "lat", "-90.0001"),
                Arguments.of("offer.posted", "lat", "NaN"),
                Arguments.of("offer.posted", "lat", "Infinity"),
                Arguments.of("offer.posted", "lon", "-180.5"),
                Arguments.of("offer.posted", "lon", "180.0000001"),
                Arguments.of("offer.posted", "lon", "NaN"),
                Arguments.of("offer.posted", "lon", "-Infinity"),
                Arguments.of("offer.posted", "quantity_kg", "0"),
                Arguments.of("offer.posted", "quantity_kg", "0.0"),
                Arguments.of("offer.posted", "quantity_kg", "10000.01"),
                Arguments.of("offer.posted", "quantity_kg", "-1"),
                Arguments.of("offer.posted", "quantity_kg", "NaN"),
                Arguments.of("offer.posted", "portions", "-1"),
                Arguments.of("offer.posted", "portions", "2.5"),
                Arguments.of("offer.posted", "portions", "1e12"),
                Arguments.of("offer.posted", "portions", "NaN"),
                Arguments.of("ngo.availability", "lat", "NaN"),
                Arguments.of("ngo.availability", "lat", "-91"),
                Arguments.of("ngo.availability", "lon", "181"),
                Arguments.of("ngo.availability", "radius_km", "0"),
                Arguments.of("ngo.availability", "radius_km", "50.5"),
                Arguments.of("ngo.availability", "radius_km", "-3"),
                Arguments.of("ngo.availability", "radius_km", "NaN"),
                Arguments.of("ngo.availability", "capacity_kg", "-1"),
                Arguments.of("ngo.availability", "capacity_kg", "NaN"),
                Arguments.of("ngo.availability", "capacity_kg", "Infinity"),
                Arguments.of("ngo.availability", "accepts", "[]"),
                Arguments.of("pickup.completed", "picked_kg", "-0.1"),
                Arguments.of("pickup.completed", "picked_kg", "NaN"),
                // contract v1.1's upper bounds
                Arguments.of("offer.posted", "portions", "1000001"),
                Arguments.of("ngo.availability", "capacity_kg", "100000.001"),
                Arguments.of("ngo.availability", "capacity_kg", "1e308"),
                Arguments.of("pickup.completed", "picked_kg", "10000.001"),
                Arguments.of("pickup.completed", "picked_kg", "1e308"),
                Arguments.of("pickup.completed", "picked_kg", "Infinity"));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("outOfRange")
    void aValueOutsideItsRangeIsOutOfRange(String type, String field, String rawValue) {
        assertRejected(with(validOfType(type), field, rawValue), "out_of_range:" + field);
    }

    // ---------------------------------------------------------------- invalid_id

    static Stream<Arguments> invalidIds() {
        String id65 = "a".repeat(65);
        return Stream.of(
                Arguments.of("offer.posted", "offer_id", "off 1"),
                Arguments.of("offer.posted", "offer_id", id65),
                Arguments.of("offer.posted", "offer_id", ""),
                Arguments.of("offer.posted", "offer_id", "off/1"),
                Arguments.of("offer.posted", "offer_id", "off-\u00e9"),
                Arguments.of("offer.posted", "offer_id", "off-1\\n"),
                Arguments.of("offer.posted", "provider_id", "prov 7"),
                Arguments.of("offer.posted", "provider_id", id65),
                Arguments.of("offer.cancelled", "offer_id", "off*1"),
                Arguments.of("offer.cancelled", "provider_id", "prov#7"),
                Arguments.of("ngo.availability", "ngo_id", "ngo 3"),
                Arguments.of("ngo.availability", "ngo_id", id65),
                Arguments.of("claim.accepted", "offer_id", "off 1"),
                Arguments.of("claim.declined", "ngo_id", "ngo,3"),
                Arguments.of("pickup.completed", "ngo_id", id65));
    }

    @ParameterizedTest(name = "{0} {1}=\"{2}\"")
    @MethodSource("invalidIds")
    void anIdOutsideTheIdPatternIsInvalidId(String type, String field, String id) {
        assertRejected(with(validOfType(type), field, q(id)), "invalid_id:" + field);
    }

    // ---------------------------------------------------------------- invalid_time

    static Stream<Arguments> invalidTimes() {
        return Stream.of(
                Arguments.of("offer.posted", "ready_at", "2026-11-25 10:15:00"),
                Arguments.of("offer.posted", "expires_at", "2026-13-01T00:00:00Z"),
                Arguments.of("offer.posted", "event_time", "tomorrow"),
                Arguments.of("offer.posted", "event_time", ""),
                Arguments.of("offer.posted", "event_time", "2026-11-25"),
                Arguments.of("offer.posted", "event_time", "2026-11-25T10:15:00"),
                Arguments.of("offer.posted", "event_time", "2026-02-30T10:15:00Z"),
                Arguments.of("offer.posted", "event_time", "1795601700000"),
                Arguments.of("offer.cancelled", "event_time", "25/11/2026 10:15"),
                Arguments.of("ngo.availability", "event_time", "2026-11-25T25:00:00Z"),
                Arguments.of("claim.accepted", "event_time", "now"),
                Arguments.of("pickup.completed", "event_time", "2026-11-25T10:15:00ZZ"),
                // UTC as the contract writes it, and nothing looser
                Arguments.of("offer.posted", "event_time", "2026-11-25T17:15:00+07:00"),
                Arguments.of("offer.posted", "event_time", "2026-11-25t10:15:00z"),
                Arguments.of("offer.posted", "event_time", "2026-11-25T23:59:60Z"),
                Arguments.of("offer.posted", "event_time", "2026-11-25T10:15:00.123456Z"),
                Arguments.of("offer.posted", "event_time", "+12026-11-25T10:15:00Z"),
                Arguments.of("offer.posted", "event_time", "2026-11-25T24:00:00Z"));
    }

    @Test
    void millisecondsAreAllowed() {
        ParsedInput parsed = parse(with(offerCancelled(), "event_time", q("2026-11-25T10:15:00.5Z")));
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.event().eventTime).isEqualTo(Times.parse("2026-11-25T10:15:00.500Z"));
    }

    @ParameterizedTest(name = "{0} {1}=\"{2}\"")
    @MethodSource("invalidTimes")
    void aTimeThatIsNotIsoUtcIsInvalidTime(String type, String field, String time) {
        assertRejected(with(validOfType(type), field, q(time)), "invalid_time:" + field);
    }

    // ---------------------------------------------------------------- unknown_category

    @Test
    void anUnknownOfferCategoryIsUnknownCategory() {
        assertRejected(with(offerPosted(), "category", q("meat")), RejectReason.UNKNOWN_CATEGORY);
        assertRejected(with(offerPosted(), "category", q("Bakery")), RejectReason.UNKNOWN_CATEGORY);
        assertRejected(with(offerPosted(), "category", q("")), RejectReason.UNKNOWN_CATEGORY);
    }

    @Test
    void anUnknownAcceptedCategoryIsUnknownCategory() {
        assertRejected(with(ngoAvailability(), "accepts", "[\"bakery\", \"meat\"]"), RejectReason.UNKNOWN_CATEGORY);
        assertRejected(with(ngoAvailability(), "accepts", "[\"FROZEN\"]"), RejectReason.UNKNOWN_CATEGORY);
    }

    // ---------------------------------------------------------------- between fields

    @Test
    void expiringBeforeOrWhenReadyIsExpiresBeforeReady() {
        Map<String, String> f = with(offerPosted(), "event_time", q("2026-11-25T09:00:00Z"));
        f = with(f, "ready_at", q("2026-11-25T12:00:00Z"));
        assertRejected(with(f, "expires_at", q("2026-11-25T11:59:59.999Z")), RejectReason.EXPIRES_BEFORE_READY);
        assertRejected(with(f, "expires_at", q("2026-11-25T12:00:00Z")), RejectReason.EXPIRES_BEFORE_READY);
        assertRejected(with(f, "expires_at", q("2026-11-25T12:00:00.000Z")), RejectReason.EXPIRES_BEFORE_READY);
        assertThat(parseValid(with(f, "expires_at", q("2026-11-25T12:00:00.001Z"))).expiresAt).isEqualTo(T0 + 105 * 60_000L + 1);
    }

    @Test
    void expiringBeforeOrAtTheEventTimeIsExpiresBeforeEventTime() {
        Map<String, String> f = with(offerPosted(), "ready_at", q("2026-11-25T08:00:00Z"));
        f = with(f, "event_time", q("2026-11-25T12:00:00Z"));
        assertRejected(with(f, "expires_at", q("2026-11-25T11:00:00Z")), RejectReason.EXPIRES_BEFORE_EVENT_TIME);
        assertRejected(with(f, "expires_at", q("2026-11-25T12:00:00Z")), RejectReason.EXPIRES_BEFORE_EVENT_TIME);
        assertThat(parseValid(with(f, "expires_at", q("2026-11-25T12:00:00.001Z"))).expiresAt).isEqualTo(T0 + 105 * 60_000L + 1);
    }

    @Test
    void anOfferMayBePostedAfterItIsReady() {
        // event_time after ready_at but before expires_at is fine
        Map<String, String> f = with(offerPosted(), "ready_at", q("2026-11-25T08:00:00Z"));
        InputEvent e = parseValid(with(f, "event_time", q("2026-11-25T12:00:00Z")));
        assertThat(e.readyAt).isLessThan(e.eventTime);
    }

    // ---------------------------------------------------------------- identity_mismatch

    private ParsedInput parseFrom(SourceStream stream, String publisherId, Map<String, String> fields) {
        return parser.parse(new RawInput(stream, SEQ, publisherId, json(fields), RECEIVED_AT));
    }

    @Test
    void offersMustComeFromTheProviderTheSubjectNames() {
        assertThat(parseFrom(SourceStream.OFFERS, "prov-7", offerPosted()).isValid()).isTrue();
        assertThat(parseFrom(SourceStream.OFFERS, "prov-7", offerCancelled()).isValid()).isTrue();
        assertRejected(parseFrom(SourceStream.OFFERS, "prov-8", offerPosted()), RejectReason.IDENTITY_MISMATCH);
        assertRejected(parseFrom(SourceStream.OFFERS, "prov-8", offerCancelled()), RejectReason.IDENTITY_MISMATCH);
        // case matters
        assertRejected(parseFrom(SourceStream.OFFERS, "PROV-7", offerCancelled()), RejectReason.IDENTITY_MISMATCH);
    }

    @Test
    void availabilityAndClaimsMustComeFromTheNgoTheSubjectNames() {
        assertThat(parseFrom(SourceStream.NGOS, "ngo-3", ngoAvailability()).isValid()).isTrue();
        assertRejected(parseFrom(SourceStream.NGOS, "ngo-4", ngoAvailability()), RejectReason.IDENTITY_MISMATCH);
        for (Map<String, String> c : List.of(claim("claim.accepted"), claim("claim.declined"), pickupCompleted())) {
            assertThat(parseFrom(SourceStream.CLAIMS, "ngo-3", c).isValid()).isTrue();
            assertRejected(parseFrom(SourceStream.CLAIMS, "ngo-4", c), RejectReason.IDENTITY_MISMATCH);
        }
    }

    @Test
    void anEventOnAnotherTypesStreamIsIdentityMismatch() {
        assertRejected(parseFrom(SourceStream.NGOS, null, offerPosted()), RejectReason.IDENTITY_MISMATCH);
        assertRejected(parseFrom(SourceStream.CLAIMS, null, offerCancelled()), RejectReason.IDENTITY_MISMATCH);
        assertRejected(parseFrom(SourceStream.CLAIMS, null, ngoAvailability()), RejectReason.IDENTITY_MISMATCH);
        assertRejected(parseFrom(SourceStream.OFFERS, null, claim("claim.accepted")), RejectReason.IDENTITY_MISMATCH);
        assertRejected(parseFrom(SourceStream.NGOS, null, claim("claim.declined")), RejectReason.IDENTITY_MISMATCH);
        assertRejected(parseFrom(SourceStream.NGOS, "ngo-3", pickupCompleted()), RejectReason.IDENTITY_MISMATCH);
        // the own stream, an unrouted replay line or an unknown stream are fine
        assertThat(parseFrom(SourceStream.CLAIMS, null, pickupCompleted()).isValid()).isTrue();
        assertThat(parseFrom(SourceStream.UNROUTED, null, pickupCompleted()).isValid()).isTrue();
        assertThat(parseFrom(null, null, pickupCompleted()).isValid()).isTrue();
    }

    @Test
    void aValidEventTakesTheStreamOfItsTypeWhateverItArrivedOn() {
        assertThat(parseFrom(SourceStream.UNROUTED, null, ngoAvailability()).event().stream).isEqualTo(SourceStream.NGOS);
        assertThat(parseFrom(null, null, claim("claim.declined")).event().stream).isEqualTo(SourceStream.CLAIMS);
    }

    @Test
    void anIdentityMismatchKeepsTheTimeAndOfferOfThePayload() {
        ParsedInput parsed = parseFrom(SourceStream.CLAIMS, "ngo-4", claim("claim.accepted"));
        assertRejected(parsed, RejectReason.IDENTITY_MISMATCH);
        assertThat(parsed.at()).isEqualTo(T0 + 5 * 60_000L);
        assertThat(parsed.offerId()).isEqualTo("off-1");
    }

    // ---------------------------------------------------------------- what a rejection carries

    @Test
    void aRejectionIsAtThePayloadsEventTimeWhenReadable() {
        ParsedInput parsed = parse(with(offerPosted(), "lat", "91"));
        assertRejected(parsed, "out_of_range:lat");
        assertThat(parsed.at()).isEqualTo(T0 - 500);

        ParsedInput unknownType = parse(with(offerCancelled(), "type", q("offer.updated")));
        assertRejected(unknownType, RejectReason.UNKNOWN_TYPE);
        assertThat(unknownType.at()).isEqualTo(T0 + 45 * 60_000L);

        ParsedInput badOrder = parse(with(offerPosted(), "expires_at", q("2026-11-25T10:00:00Z")));
        assertRejected(badOrder, RejectReason.EXPIRES_BEFORE_READY);
        assertThat(badOrder.at()).isEqualTo(T0 - 500);
    }

    @Test
    void aRejectionIsAtTheReceptionTimeWhenTheEventTimeIsNotReadable() {
        ParsedInput missing = parse(without(with(offerPosted(), "lat", "91"), "event_time"));
        assertRejected(missing, "out_of_range:lat");
        assertThat(missing.at()).isEqualTo(RECEIVED_AT);

        ParsedInput unparsable = parse(with(with(offerPosted(), "lat", "91"), "event_time", q("soon")));
        assertRejected(unparsable, "out_of_range:lat");
        assertThat(unparsable.at()).isEqualTo(RECEIVED_AT);

        ParsedInput numeric = parse(with(offerCancelled(), "event_time", "1795601700000"));
        assertRejected(numeric, "invalid_type:event_time");
        assertThat(numeric.at()).isEqualTo(RECEIVED_AT);

        ParsedInput invalid = parse(with(offerCancelled(), "event_time", q("2026-11-25")));
        assertRejected(invalid, "invalid_time:event_time");
        assertThat(invalid.at()).isEqualTo(RECEIVED_AT);

        ParsedInput notJson = parse("{\"event_time\": \"2026-11-25T10:15:00Z\"");
        assertRejected(notJson, RejectReason.MALFORMED_JSON);
        assertThat(notJson.at()).isEqualTo(RECEIVED_AT);
    }

    @Test
    void aRejectionNamesThePayloadsOfferWhenItsIdIsValid() {
        ParsedInput badLat = parse(with(offerPosted(), "lat", "NaN"));
        assertRejected(badLat, "out_of_range:lat");
        assertThat(badLat.offerId()).isEqualTo("off-1.a:b_c");

        ParsedInput badNgo = parse(with(claim("claim.accepted"), "ngo_id", q("ngo 3")));
        assertRejected(badNgo, "invalid_id:ngo_id");
        assertThat(badNgo.offerId()).isEqualTo("off-1");

        ParsedInput badType = parse(with(pickupCompleted(), "type", q("pickup.done")));
        assertRejected(badType, RejectReason.UNKNOWN_TYPE);
        assertThat(badType.offerId()).isEqualTo("off-1");
    }

    @Test
    void aRejectionNamesNoOfferWhenTheOfferIdIsInvalidOrAbsent() {
        ParsedInput badId = parse(with(offerPosted(), "offer_id", q("off 1")));
        assertRejected(badId, "invalid_id:offer_id");
        assertThat(badId.offerId()).isNull();

        ParsedInput numericId = parse(with(offerCancelled(), "offer_id", "17"));
        assertRejected(numericId, "invalid_type:offer_id");
        assertThat(numericId.offerId()).isNull();

        ParsedInput tooLong = parse(with(claim("claim.declined"), "offer_id", q("o".repeat(65))));
        assertRejected(tooLong, "invalid_id:offer_id");
        assertThat(tooLong.offerId()).isNull();

        ParsedInput ngo = parse(with(ngoAvailability(), "radius_km", "51"));
        assertRejected(ngo, "out_of_range:radius_km");
        assertThat(ngo.offerId()).isNull();
    }

    @Test
    void anOfferKeepsAtMostThirtyDaysFromItsEventTime() {
        Map<String, String> thirtyDays = with(with(offerPosted(), "event_time", q("2026-11-25T10:00:00Z")), "expires_at", q("2026-12-25T10:00:00Z"));
        assertThat(parse(thirtyDays).reason()).isNull();
        assertRejected(with(thirtyDays, "expires_at", q("2026-12-25T10:00:00.001Z")), "out_of_range:expires_at");
    }

    // ---------------------------------------------------------------- times within [2000, 2100)

    static Stream<Arguments> timesOutOfRange() {
        return Stream.of(
                Arguments.of("offer.posted", "ready_at", "1999-12-31T23:59:59.999Z"),
                Arguments.of("offer.posted", "expires_at", "2100-01-01T00:00:00Z"),
                Arguments.of("offer.posted", "event_time", "0001-01-01T00:00:00Z"),
                Arguments.of("offer.cancelled", "event_time", "1970-01-01T00:00:00Z"),
                Arguments.of("ngo.availability", "event_time", "9999-12-31T23:59:59Z"),
                Arguments.of("claim.accepted", "event_time", "2100-01-01T00:00:00.000Z"),
                Arguments.of("pickup.completed", "event_time", "1999-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0} {1}=\"{2}\"")
    @MethodSource("timesOutOfRange")
    void aTimeOutsideTheYears2000To2099IsOutOfRange(String type, String field, String time) {
        assertRejected(with(validOfType(type), field, q(time)), "out_of_range:" + field);
    }

    @Test
    void theFirstAndLastMillisecondOfTheRangeAreValid() {
        InputParser timeless = new InputParser(MAX_BYTES, Long.MAX_VALUE / 2);
        ParsedInput first = timeless.parse(new RawInput(null, SEQ, null, json(with(offerCancelled(), "event_time", q("2000-01-01T00:00:00Z"))), RECEIVED_AT));
        ParsedInput last = timeless.parse(new RawInput(null, SEQ, null, json(with(offerCancelled(), "event_time", q("2099-12-31T23:59:59.999Z"))), RECEIVED_AT));
        assertThat(first.reason()).isNull();
        assertThat(last.reason()).isNull();
    }

    // ---------------------------------------------------------------- event_time_in_future

    private ParsedInput parseReceivedAt(Map<String, String> fields, long receivedAt) {
        return parser.parse(new RawInput(null, SEQ, null, json(fields), receivedAt));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"offer.posted", "offer.cancelled", "ngo.availability", "claim.accepted", "claim.declined", "pickup.completed"})
    void anEventMoreThanTheClockSkewAheadOfItsReceiveTimeIsInTheFuture(String type) {
        Map<String, String> fields = validOfType(type);
        long eventTime = Times.parse(fields.get("event_time").replace("\"", ""));
        long skew = InputParser.DEFAULT_MAX_CLOCK_SKEW_MS;
        assertThat(parseReceivedAt(fields, eventTime - skew).reason()).as("exactly the skew ahead").isNull();
        assertRejected(parseReceivedAt(fields, eventTime - skew - 1), RejectReason.EVENT_TIME_IN_FUTURE);
        assertThat(parseReceivedAt(fields, eventTime + HOUR).reason()).as("an old event is not in the future").isNull();
    }

    @Test
    void theAllowedSkewIsASetting() {
        InputParser strict = new InputParser(MAX_BYTES, 0);
        long eventTime = Times.parse("2026-11-25T11:00:00Z");
        assertThat(strict.parse(new RawInput(null, SEQ, null, json(offerCancelled()), eventTime)).reason()).isNull();
        assertRejected(strict.parse(new RawInput(null, SEQ, null, json(offerCancelled()), eventTime - 1)), RejectReason.EVENT_TIME_IN_FUTURE);
    }

    @Test
    void aRejectionForTheFutureIsDatedWhenItWasReceivedAndNamesItsOffer() {
        long received = Times.parse("2026-11-25T10:00:00Z");
        ParsedInput future = parseReceivedAt(claim("claim.accepted"), received);
        assertRejected(future, RejectReason.EVENT_TIME_IN_FUTURE);
        assertThat(future.at()).as("not the time it claims, which is what is not trusted").isEqualTo(received);
        assertThat(future.offerId()).isEqualTo("off-1");
    }

    @Test
    void aMessageWithoutAReceiveTimeIsNotChecked() {
        ParsedInput far = parser.parse(RawInput.replayLine(null, SEQ, json(with(claim("claim.accepted"), "event_time", q("2099-01-01T00:00:00Z"))),
                RawInput.NO_RECEIVE_TIME, 0));
        assertThat(far.reason()).isNull();
        assertThat(far.event().hasReceiveTime()).isFalse();
    }

    @Test
    void aValidEventCarriesItsReceiveTime() {
        assertThat(parseValid(offerCancelled()).receivedAt).isEqualTo(RECEIVED_AT);
    }

    @Test
    void aReceivedAtInThePayloadOfALiveMessageIsIgnored() {
        // a publisher cannot vouch for its own receive time: only the server's counts
        long received = Times.parse("2026-11-25T10:00:00Z");
        ParsedInput forged = parseReceivedAt(with(claim("claim.accepted"), "received_at", q("2026-11-25T12:00:00Z")), received);
        assertRejected(forged, RejectReason.EVENT_TIME_IN_FUTURE);
    }

    @Test
    void aReceiveTimeProblemIsTheRejectionReason() {
        RawInput raw = RawInput.replayLine(null, SEQ, json(offerCancelled()), RawInput.NO_RECEIVE_TIME, 0);
        raw.receiveTimeProblem = "invalid_time:received_at";
        assertRejected(parser.parse(raw), "invalid_time:received_at");
    }

    @Test
    void aNegativeSkewIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InputParser(MAX_BYTES, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- bytes that are not UTF-8

    @Test
    void aMessageThatIsNotUtf8IsInvalidUtf8UnlessTooLarge() {
        RawInput latin1 = new RawInput(SourceStream.OFFERS, SEQ, null, null, RECEIVED_AT);
        latin1.undecodablePayload = "{\"type\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertRejected(parser.parse(latin1), RejectReason.INVALID_UTF8);
        RawInput huge = new RawInput(SourceStream.OFFERS, SEQ, null, null, RECEIVED_AT);
        huge.undecodablePayload = new byte[MAX_BYTES + 1];
        huge.undecodablePayload[0] = (byte) 0xFF;
        assertRejected(parser.parse(huge), RejectReason.PAYLOAD_TOO_LARGE);
    }

    @Test
    void aRawNulByteMakesMalformedJson() {
        assertRejected(json(offerCancelled()).replace("\"off-1\"", "\"off\u00001\""), RejectReason.MALFORMED_JSON);
        assertRejected("\u0000" + json(offerCancelled()), RejectReason.MALFORMED_JSON);
    }
}
