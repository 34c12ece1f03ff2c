package id.pahlawanpangan.events;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile input payloads (issue 8), each with what the contract (section 1, v1.1) says must come
 * of it: a valid event, or a rejection with one of a few specific reasons.
 *
 * <p>A payload starts as a valid event of one of the contract's input types, as a list of fields
 * with their raw JSON text, and is then damaged: fields get wrong JSON types, go missing, get
 * NaN, infinities, huge and boundary numbers, coordinates and times at and beyond their bounds,
 * long, foreign and empty ids; extra fields come in (deep nesting, long strings, NaN); keys are
 * repeated; the text is cut, padded to and past the payload limit, followed by garbage, given a
 * byte-order mark, NUL characters or bytes that are not UTF-8, or replaced by JSON that is not an
 * object. The message may also come from the wrong publisher or on the wrong stream.
 *
 * <p>The expected outcome is worked out here, from the contract's text, and never by asking the
 * parser: each field records whether its value is within the contract's bounds, and the rules
 * between fields (an offer's times, the receive time, the publisher) are applied to the final
 * values. When several things are wrong, any of their reasons is accepted: the contract does not
 * say which problem is named first.
 */
public final class HostilePayloads {
    /** The contract's default {@code input.max-payload-bytes}. */
    public static final int MAX_PAYLOAD_BYTES = 16 * 1024;
    /** The contract's default {@code input.max-clock-skew}. */
    public static final long MAX_CLOCK_SKEW_MS = 60_000;
    /** nats-server's default (and our) maximum message size. */
    public static final int NATS_MAX_PAYLOAD = 1024 * 1024;

    /** The outcome "a valid event" among the allowed outcomes. */
    public static final String VALID = "valid";

    // contract section 1, written out here rather than taken from the parser
    static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    static final long END = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    static final long DAY = 24 * 3600 * 1000L;
    static final long MAX_OFFER_LIFETIME = 30 * DAY;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final List<String> CATEGORIES = List.of("cooked_meal", "bakery", "produce", "dairy", "packaged", "frozen");
    static final List<String> TYPES = List.of("offer.posted", "offer.cancelled", "ngo.availability", "claim.accepted",
            "claim.declined", "pickup.completed");

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private HostilePayloads() {}

    // ================================================================ the model

    /** What the contract says about one field's value. */
    public static final class Verdict {
        /** The value as the contract reads it (Double, Integer, Boolean, Long time, String, Set of categories), or null when absent. */
        final Object value;
        /** Empty when the value is acceptable. */
        final Set<String> reasons;

        private Verdict(Object value, Set<String> reasons) {
            this.value = value;
            this.reasons = reasons;
        }

        static Verdict ok(Object value) {
            return new Verdict(value, Set.of());
        }

        static Verdict bad(String... reasons) {
            return new Verdict(null, new TreeSet<>(Arrays.asList(reasons)));
        }

        boolean isOk() {
            return reasons.isEmpty();
        }
    }

    /** One field of a payload: its key, its raw JSON text, and the verdict on it. */
    static final class Field {
        final String key;
        final String raw;
        final Verdict verdict;

        Field(String key, String raw, Verdict verdict) {
            this.key = key;
            this.raw = raw;
            this.verdict = verdict;
        }
    }

    /** Where the message came from. */
    public enum Channel {
        /** A JetStream message: bytes, a subject naming its publisher, and the server's receive time. */
        NATS,
        /** A line of a replay file: text, no publisher, a receive time only if the line gives {@code received_at}. */
        REPLAY
    }

    /** A payload being damaged: fields in order, and what was done to the whole. */
    public static final class Draft {
        final String type;
        final List<Field> fields;
        final Channel channel;
        /** NATS: the stream and publisher the subject names (null publisher: a subject of the wrong shape). */
        final SourceStream stream;
        final String publisher;
        /** NATS: the server's receive time. */
        final long receivedAt;
        final List<String> story = new ArrayList<>();
        /** Damage to the text as a whole (the reasons it must be rejected for), applied after the fields. */
        final List<UnaryOperator<byte[]>> textDamage = new ArrayList<>();
        final Set<String> wholeReasons = new TreeSet<>();
        /** The damage leaves it open whether the payload is still acceptable (a BOM, very deep nesting). */
        final Set<String> mayAlsoBe = new TreeSet<>();
        boolean notUtf8;
        /** Pad the final text with an extra field to exactly this many UTF-8 bytes (0: no padding). */
        int padToBytes;
        /** The whole payload replaced by this text, after everything else (null: not replaced). */
        String replacement;
        String padChar = "x";
        private int extraCounter;

        Draft(String type, List<Field> fields, Channel channel, SourceStream stream, String publisher, long receivedAt) {
            this.type = type;
            this.fields = fields;
            this.channel = channel;
            this.stream = stream;
            this.publisher = publisher;
            this.receivedAt = receivedAt;
        }

        Draft copy() {
            Draft d = routed(stream, publisher);
            d.story.remove(d.story.size() - 1);
            return d;
        }

        /** The same message sent on another stream, or by another publisher (null: a subject of the wrong shape). */
        Draft routed(SourceStream otherStream, String otherPublisher) {
            Draft d = new Draft(type, new ArrayList<>(fields), channel, otherStream, otherPublisher, receivedAt);
            d.story.addAll(story);
            d.textDamage.addAll(textDamage);
            d.wholeReasons.addAll(wholeReasons);
            d.mayAlsoBe.addAll(mayAlsoBe);
            d.notUtf8 = notUtf8;
            d.padToBytes = padToBytes;
            d.padChar = padChar;
            d.extraCounter = extraCounter;
            d.replacement = replacement;
            d.story.add("sent on " + otherStream + " by " + (otherPublisher == null ? "a subject of the wrong shape" : otherPublisher));
            return d;
        }

        Field field(String key) {
            for (Field f : fields) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }

        Draft with(String key, String raw, Verdict verdict, String note) {
            Draft d = copy();
            int i = indexOf(key);
            if (i >= 0) {
                d.fields.set(i, new Field(key, raw, verdict));
            } else {
                d.fields.add(new Field(key, raw, verdict));
            }
            d.story.add(note);
            return d;
        }

        Draft without(String key, String note) {
            Draft d = copy();
            d.fields.removeIf(f -> f.key.equals(key));
            d.story.add(note);
            return d;
        }

        String nextExtraKey() {
            return "x_" + (extraCounter++);
        }

        private int indexOf(String key) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).key.equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A finished hostile payload and what must come of it. */
    public static final class Hostile {
        public final String type;
        public final byte[] bytes;
        public final Channel channel;
        public final SourceStream stream;
        public final String publisher;
        public final long receivedAt;
        /** {@link #VALID} and/or the specific rejection reasons that the contract allows. */
        public final Set<String> allowed;
        /** What the contract reads from each field, for comparing a valid event with it. */
        public final Map<String, Object> values;
        public final String story;

        Hostile(Draft d, byte[] bytes, Set<String> allowed, Map<String, Object> values) {
            this.type = d.type;
            this.bytes = bytes;
            this.channel = d.channel;
            this.stream = d.stream;
            this.publisher = d.publisher;
            this.receivedAt = d.receivedAt;
            this.allowed = Collections.unmodifiableSet(allowed);
            this.values = Collections.unmodifiableMap(values);
            this.story = String.join("; ", d.story);
        }

        /** The payload as text, or null when it is not UTF-8. */
        public String text() {
            return DeadLetterPayload.decodeStrictly(bytes);
        }

        public boolean mayBeValid() {
            return allowed.contains(VALID);
        }

        @Override
        public String toString() {
            String text = text();
            String shown = text == null ? "<" + bytes.length + " bytes, not UTF-8>" : text;
            if (shown.length() > 600) {
                shown = shown.substring(0, 300) + "...<" + bytes.length + " bytes>..." + shown.substring(shown.length() - 200);
            }
            return "Hostile[" + channel + " " + type + " on " + stream + " from " + publisher + ", received "
                    + (receivedAt == RawInput.NO_RECEIVE_TIME ? "-" : MILLIS.format(Instant.ofEpochMilli(receivedAt)))
                    + "; allowed " + allowed + "; " + story + "]\n  " + shown.replace("\0", "\\0");
        }
    }

    // ================================================================ valid events

    /** Ids as the contract allows them, up to and at 64 characters. */
    static Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(ID_CHARS).ofMinLength(1).ofMaxLength(64),
                Arbitraries.strings().withChars("abc").ofMinLength(1).ofMaxLength(8).map(s -> "id-" + s));
    }

    static Arbitrary<Double> between(double min, boolean minIncluded, double max) {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(min, minIncluded, max, true).ofScale(6),
                Arbitraries.of(max, minIncluded ? min : Math.nextUp(min)));
    }

    /** A JSON number for {@code d}, written one of several equivalent ways. */
    static Arbitrary<String> numberText(double d) {
        List<String> forms = new ArrayList<>();
        forms.add(Double.toString(d)); // 1.0E-5 style included
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            forms.add(Long.toString((long) d));
            forms.add((long) d + "e0");
        }
        forms.add(new java.math.BigDecimal(d).toPlainString());
        return Arbitraries.of(forms);
    }

    static String timeText(long t, boolean withMillis) {
        return "\"" + (withMillis || t % 1000 != 0 ? MILLIS : SECONDS).format(Instant.ofEpochMilli(t)) + "\"";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** The channel, receive time and times of one event, chosen together so that most events are valid. */
    private static final class Clock {
        final Channel channel;
        final long eventTime;
        final long receivedAt;

        Clock(Channel channel, long eventTime, long receivedAt) {
            this.channel = channel;
            this.eventTime = eventTime;
            this.receivedAt = receivedAt;
        }
    }

    /** @param withinSkew only receive times that the event time is not too far ahead of */
    private static Arbitrary<Clock> clocks(Channel channel, boolean withinSkew) {
        Arbitrary<Long> eventTimes = Arbitraries.oneOf(
                // leaving room for an offer's lifetime before 2100
                Arbitraries.longs().between(EARLIEST, END - MAX_OFFER_LIFETIME - 1),
                Arbitraries.longs().between(1_795_000_000_000L, 1_796_000_000_000L), // around 2026-11-25
                Arbitraries.of(EARLIEST, END - MAX_OFFER_LIFETIME - 1));
        // mostly received after the event (any delay), sometimes just before it, within the skew or not
        Arbitrary<Long> delays = withinSkew
                ? Arbitraries.oneOf(Arbitraries.longs().between(0, 3_600_000), Arbitraries.of(-MAX_CLOCK_SKEW_MS, 0L))
                : Arbitraries.oneOf(
                        Arbitraries.longs().between(0, 3_600_000),
                        Arbitraries.of(-MAX_CLOCK_SKEW_MS, -MAX_CLOCK_SKEW_MS - 1, 0L),
                        Arbitraries.longs().between(-MAX_CLOCK_SKEW_MS * 3, 0));
        return Combinators.combine(eventTimes, delays).as((t, delay) -> {
            if (channel == Channel.REPLAY) {
                return new Clock(channel, t, RawInput.NO_RECEIVE_TIME);
            }
            return new Clock(channel, t, Math.max(EARLIEST, t + delay));
        });
    }

    private static Field field(String key, String raw, Object value) {
        return new Field(key, raw, Verdict.ok(value));
    }

    private static Arbitrary<Field> idField(String key) {
        return ids().map(id -> field(key, quote(id), id));
    }

    private static Arbitrary<Field> numberField(String key, double min, boolean minIncluded, double max) {
        return between(min, minIncluded, max).flatMap(d -> numberText(d).map(text -> field(key, text, d)));
    }

    private static Arbitrary<Field> boolField(String key) {
        return Arbitraries.of(true, false).map(b -> field(key, b.toString(), b));
    }

    private static Field timeField(String key, long t, boolean millis) {
        return field(key, timeText(t, millis), t);
    }

    /** A valid event of the given type, as it may arrive on the channel. */
    static Arbitrary<Draft> valid(String type, Channel channel) {
        return valid(type, channel, false);
    }

    static Arbitrary<Draft> valid(String type, Channel channel, boolean withinSkew) {
        Arbitrary<Draft> draft;
        switch (type) {
            case "offer.posted":
                draft = offerPosted(channel, withinSkew);
                break;
            case "offer.cancelled":
                draft = Combinators.combine(idField("offer_id"), idField("provider_id"), clocks(channel, withinSkew), Arbitraries.of(true, false))
                        .as((offer, provider, clock, millis) -> draft(type, clock, List.of(offer, provider,
                                timeField("event_time", clock.eventTime, millis))));
                break;
            case "ngo.availability":
                draft = ngoAvailability(channel, withinSkew);
                break;
            case "claim.accepted":
            case "claim.declined":
                draft = Combinators.combine(idField("offer_id"), idField("ngo_id"), clocks(channel, withinSkew), Arbitraries.of(true, false))
                        .as((offer, ngo, clock, millis) -> draft(type, clock, List.of(offer, ngo, timeField("event_time", clock.eventTime, millis))));
                break;
            case "pickup.completed":
                draft = Combinators.combine(idField("offer_id"), idField("ngo_id"), numberField("picked_kg", 0, true, 10_000),
                        clocks(channel, withinSkew), Arbitraries.of(true, false))
                        .as((offer, ngo, kg, clock, millis) -> draft(type, clock, List.of(offer, ngo, kg,
                                timeField("event_time", clock.eventTime, millis))));
                break;
            default:
                throw new IllegalArgumentException(type);
        }
        return draft;
    }

    private static Draft draft(String type, Clock clock, List<Field> fields) {
        List<Field> all = new ArrayList<>();
        all.add(field("type", quote(type), type));
        all.addAll(fields);
        Collections.shuffle(all.subList(1, all.size()), new java.util.Random(all.size() * 31L + type.hashCode()));
        SourceStream stream = streamOf(type);
        String publisher = null;
        if (clock.channel == Channel.NATS) {
            publisher = (String) valueOf(all, stream == SourceStream.OFFERS ? "provider_id" : "ngo_id");
        }
        return new Draft(type, all, clock.channel, clock.channel == Channel.NATS ? stream : null, publisher, clock.receivedAt);
    }

    private static Object valueOf(List<Field> fields, String key) {
        for (Field f : fields) {
            if (f.key.equals(key)) {
                return f.verdict.value;
            }
        }
        return null;
    }

    private static Arbitrary<Draft> offerPosted(Channel channel, boolean withinSkew) {
        Arbitrary<List<Field>> place = Combinators.combine(idField("offer_id"), idField("provider_id"),
                numberField("lat", -90, true, 90), numberField("lon", -180, true, 180),
                Arbitraries.of(CATEGORIES).map(c -> field("category", quote(c), c)),
                numberField("quantity_kg", 0, false, 10_000))
                .as((o, p, lat, lon, cat, kg) -> List.of(o, p, lat, lon, cat, kg));
        Arbitrary<List<Field>> flags = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.integers().between(0, 1_000_000), Arbitraries.just(null)),
                boolField("halal"), Arbitraries.of(true, false, null), boolField("needs_cold_chain"))
                .as((portions, halal, vegetarian, cold) -> {
                    List<Field> f = new ArrayList<>();
                    if (portions != null) {
                        f.add(field("portions", portions.toString(), portions));
                    }
                    f.add(halal);
                    if (vegetarian != null) {
                        f.add(field("vegetarian", vegetarian.toString(), vegetarian));
                    }
                    f.add(cold);
                    return f;
                });
        // expires_at after event_time by at most 30 days, after ready_at, before 2100
        Arbitrary<Long> lifetimes = Arbitraries.oneOf(Arbitraries.longs().between(1, MAX_OFFER_LIFETIME),
                Arbitraries.of(1L, MAX_OFFER_LIFETIME, 4 * 3600_000L));
        Arbitrary<Long> readyBefore = Arbitraries.oneOf(Arbitraries.longs().between(1, 2 * MAX_OFFER_LIFETIME), Arbitraries.of(1L));
        return Combinators.combine(place, flags, clocks(channel, withinSkew), lifetimes, readyBefore, Arbitraries.of(true, false))
                .as((p, fl, clock, lifetime, before, millis) -> {
                    long expires = clock.eventTime + lifetime;
                    long ready = Math.max(EARLIEST, expires - before);
                    List<Field> f = new ArrayList<>(p);
                    f.addAll(fl);
                    f.add(timeField("ready_at", ready, millis));
                    f.add(timeField("expires_at", expires, millis));
                    f.add(timeField("event_time", clock.eventTime, millis));
                    return draft("offer.posted", clock, f);
                });
    }

    private static Arbitrary<Draft> ngoAvailability(Channel channel, boolean withinSkew) {
        Arbitrary<List<String>> accepts = Arbitraries.of(CATEGORIES).list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<List<Field>> place = Combinators.combine(idField("ngo_id"), numberField("lat", -90, true, 90),
                numberField("lon", -180, true, 180), numberField("radius_km", 0, false, 50),
                numberField("capacity_kg", 0, true, 100_000),
                accepts.map(cats -> field("accepts", "[" + String.join(",", cats.stream().map(HostilePayloads::quote).toArray(String[]::new)) + "]",
                        new TreeSet<>(cats))))
                .as((n, lat, lon, r, c, a) -> List.of(n, lat, lon, r, c, a));
        Arbitrary<List<Field>> flags = Combinators.combine(boolField("halal_only"), Arbitraries.of(true, false, null),
                boolField("has_cold_chain"), boolField("active"))
                .as((halal, veg, cold, active) -> {
                    List<Field> f = new ArrayList<>(List.of(halal, cold, active));
                    if (veg != null) {
                        f.add(field("vegetarian_only", veg.toString(), veg));
                    }
                    return f;
                });
        return Combinators.combine(place, flags, clocks(channel, withinSkew), Arbitraries.of(true, false)).as((p, fl, clock, millis) -> {
            List<Field> f = new ArrayList<>(p);
            f.addAll(fl);
            f.add(timeField("event_time", clock.eventTime, millis));
            return draft("ngo.availability", clock, f);
        });
    }

    static SourceStream streamOf(String type) {
        switch (type) {
            case "offer.posted":
            case "offer.cancelled":
                return SourceStream.OFFERS;
            case "ngo.availability":
                return SourceStream.NGOS;
            default:
                return SourceStream.CLAIMS;
        }
    }

    // ================================================================ what may be wrong with a field

    /** The kinds of fields of the contract's table, with their bounds. */
    enum Kind { ID, LAT, LON, QUANTITY, PORTIONS, RADIUS, CAPACITY, PICKED, BOOL, OPTIONAL_BOOL, CATEGORY, CATEGORIES, TIME, TYPE }

    static Kind kindOf(String key) {
        switch (key) {
            case "offer_id":
            case "provider_id":
            case "ngo_id":
                return Kind.ID;
            case "lat":
                return Kind.LAT;
            case "lon":
                return Kind.LON;
            case "quantity_kg":
                return Kind.QUANTITY;
            case "portions":
                return Kind.PORTIONS;
            case "radius_km":
                return Kind.RADIUS;
            case "capacity_kg":
                return Kind.CAPACITY;
            case "picked_kg":
                return Kind.PICKED;
            case "halal":
            case "needs_cold_chain":
            case "halal_only":
            case "has_cold_chain":
            case "active":
                return Kind.BOOL;
            case "vegetarian":
            case "vegetarian_only":
                return Kind.OPTIONAL_BOOL;
            case "category":
                return Kind.CATEGORY;
            case "accepts":
                return Kind.CATEGORIES;
            case "ready_at":
            case "expires_at":
            case "event_time":
                return Kind.TIME;
            case "type":
                return Kind.TYPE;
            default:
                return null;
        }
    }

    /** The fields each type has (contract section 1), the optional ones included. */
    static List<String> fieldsOf(String type) {
        switch (type) {
            case "offer.posted":
                return List.of("type", "offer_id", "provider_id", "lat", "lon", "category", "quantity_kg", "portions", "halal",
                        "vegetarian", "needs_cold_chain", "ready_at", "expires_at", "event_time");
            case "offer.cancelled":
                return List.of("type", "offer_id", "provider_id", "event_time");
            case "ngo.availability":
                return List.of("type", "ngo_id", "lat", "lon", "radius_km", "capacity_kg", "accepts", "halal_only", "vegetarian_only",
                        "has_cold_chain", "active", "event_time");
            case "pickup.completed":
                return List.of("type", "offer_id", "ngo_id", "picked_kg", "event_time");
            default:
                return List.of("type", "offer_id", "ngo_id", "event_time");
        }
    }

    static boolean isOptional(String key) {
        return key.equals("portions") || key.equals("vegetarian") || key.equals("vegetarian_only");
    }

    private static String outOfRange(String key) {
        return "out_of_range:" + key;
    }

    private static String invalidType(String key) {
        return "invalid_type:" + key;
    }

    /** A value of the wrong JSON type for this field. */
    private static Arbitrary<String> wrongJsonType(Kind kind) {
        List<String> values = new ArrayList<>(List.of("{}", "{\"a\":1}", "[]", "[1,2]"));
        switch (kind) {
            case BOOL:
            case OPTIONAL_BOOL:
                values.addAll(List.of("0", "1", "\"true\"", "\"false\"", "1.5"));
                break;
            case ID:
            case CATEGORY:
            case TIME:
            case TYPE:
                values.addAll(List.of("42", "true", "1795601700000", "-0", "NaN"));
                break;
            case CATEGORIES:
                values.clear();
                values.addAll(List.of("\"bakery\"", "{}", "1", "true", "[1]", "[null]", "[[\"bakery\"]]", "[\"bakery\", 2]"));
                break;
            default: // numbers
                values.addAll(List.of("\"12.5\"", "\"NaN\"", "true", "false", "\"\""));
                break;
        }
        return Arbitraries.of(values);
    }

    /** A number with a verdict for a field bounded by [min, max] (min excluded unless minIncluded). */
    private static Arbitrary<Field> hostileNumber(String key, double min, boolean minIncluded, double max) {
        List<String> outside = new ArrayList<>(List.of("NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e309", "-1e309",
                "123456789012345678901234567890", "-123456789012345678901234567890", "1" + "0".repeat(400),
                Double.toString(Math.nextUp(max)), Double.toString(max * 10), Double.toString(min - 1),
                Double.toString(Math.nextDown(min))));
        if (min >= 0) {
            outside.addAll(List.of("-1", "-1e-300"));
        }
        if (!minIncluded) {
            outside.addAll(List.of(numberLiteral(min), "-0", "-0.0", "0e5"));
        }
        Arbitrary<Field> out = Arbitraries.of(outside).map(raw -> new Field(key, raw, Verdict.bad(outOfRange(key))));
        List<Double> inside = new ArrayList<>(List.of(max, Math.nextDown(max), Math.nextUp(min), (min + max) / 2));
        if (minIncluded) {
            inside.add(min);
        }
        List<String> insideTexts = new ArrayList<>();
        for (double d : inside) {
            insideTexts.add(numberLiteral(d));
        }
        if (minIncluded && min == 0) {
            insideTexts.addAll(List.of("-0", "-0.0", "0e5", "0.0E-10"));
        }
        Arbitrary<Field> in = Arbitraries.of(insideTexts).map(raw -> new Field(key, raw, Verdict.ok(Double.parseDouble(raw))));
        Arbitrary<Field> veryLong = Arbitraries.integers().between(1001, 5000)
                .map(n -> new Field(key, "9".repeat(n), Verdict.bad(outOfRange(key))));
        return Arbitraries.frequencyOf(
                Tuple.of(6, out),
                Tuple.of(3, in),
                Tuple.of(1, veryLong));
    }

    private static String numberLiteral(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Arbitrary<Field> hostileCount(String key, int max) {
        Arbitrary<Field> out = Arbitraries.of("-1", Integer.toString(max + 1), "1e10", "2147483648", "-2147483649", "NaN", "Infinity",
                "1.5", "1e-3", "99999999999999999999").map(raw -> new Field(key, raw, Verdict.bad(outOfRange(key))));
        Arbitrary<Field> in = Arbitraries.of("0", "-0", Integer.toString(max), "1e3", "40.0")
                .map(raw -> new Field(key, raw, Verdict.ok((int) Double.parseDouble(raw))));
        return Arbitraries.oneOf(out, in);
    }

    /** Ids that are not ids: empty, too long, characters outside [A-Za-z0-9._:-], including escapes of them. */
    static Arbitrary<String> notIds() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "a b", "a~b", "a/b", "a\\b", "a\"b", "ngo-é", "ngo-字", "ngo-\uD83D\uDE00", "\uFEFFngo", "ngo\u0000",
                        "ngo\n", "a\tb", "a+b", "a@b", "a,b", "*", ">", "a\u00A0b", "\uD800"),
                Arbitraries.strings().withChars(ID_CHARS).ofLength(65),
                Arbitraries.integers().between(65, 20_000).map(n -> "i".repeat(n)),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(80).filter(s -> !ID.matcher(s).matches()));
    }

    /** Times that are not contract times, by why (invalid_time or out_of_range), and in-range extremes. */
    private static Arbitrary<Field> hostileTime(String key) {
        Arbitrary<Field> invalid = Arbitraries.of("tomorrow", "", "2026-11-25 10:15:00Z", "2026-11-25T10:15:00+07:00",
                "2026-11-25T10:15:00", "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-12-31T23:59:60Z",
                "2026-11-25T10:15:00.1234Z", "2026-11-25t10:15:00z", "+10000-01-01T00:00:00Z", "2026-11-25T10:15:00.Z",
                "26-11-25T10:15:00Z", "2026-13-01T00:00:00Z", "-2026-11-25T10:15:00Z", "2026-11-25T10:15:00Z ",
                "\uFF12026-11-25T10:15:00Z", "2026-11-25T10:15:00,123Z")
                .map(text -> new Field(key, quote(text), Verdict.bad("invalid_time:" + key)));
        Arbitrary<Field> outside = Arbitraries.of("1999-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "2100-01-01T00:00:00Z", "2100-01-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z", "1000-01-01T00:00:00Z")
                .map(text -> new Field(key, quote(text), Verdict.bad(outOfRange(key))));
        Arbitrary<Field> extremes = Arbitraries.of(EARLIEST, END - 1, END - 1000, EARLIEST + 1)
                .map(t -> new Field(key, timeText(t, true), Verdict.ok(t)));
        return Arbitraries.oneOf(invalid, outside, extremes);
    }

    /** A damaging (or, sometimes, harmless) value for one field of the draft. */
    private static Arbitrary<Draft> damageField(Draft d, String key) {
        Kind kind = kindOf(key);
        // what is special to the field's kind (bounds, NaN, infinities, formats) comes more often than a missing field
        List<Arbitrary<Draft>> common = new ArrayList<>();
        List<Arbitrary<Draft>> ways = new ArrayList<>();
        // missing, or null
        boolean optional = isOptional(key);
        Verdict missing = kind == Kind.TYPE ? Verdict.bad("missing_field:type", "unknown_type")
                : optional ? Verdict.ok(null) : Verdict.bad("missing_field:" + key);
        Verdict isNull = kind == Kind.TYPE || optional ? missing : Verdict.bad("missing_field:" + key, invalidType(key));
        common.add(Arbitraries.just(d).map(x -> removeOrNull(x, key, missing, false)));
        common.add(Arbitraries.just(d).map(x -> removeOrNull(x, key, isNull, true)));
        // the wrong JSON type
        Set<String> wrongType = kind == Kind.TYPE ? Set.of(invalidType("type"), "unknown_type") : Set.of(invalidType(key));
        common.add(wrongJsonType(kind).map(raw -> d.with(key, raw, new Verdict(null, new TreeSet<>(wrongType)), key + " of wrong type " + raw)));
        switch (kind) {
            case ID:
                ways.add(notIds().map(s -> d.with(key, quote(s), Verdict.bad("invalid_id:" + key, outOfRange(key)), key + " not an id")));
                ways.add(ids().map(s -> d.with(key, escapeSome(s), Verdict.ok(s), key + " written with escapes")));
                break;
            case LAT:
                ways.add(hostileNumber(key, -90, true, 90).map(f -> d.with(key, f.raw, f.verdict, "lat " + f.raw)));
                ways.add(Arbitraries.of("-90", "90", "-0", "90.0", "-9e1").map(raw -> d.with(key, raw, Verdict.ok(Double.parseDouble(raw)), "lat " + raw)));
                ways.add(Arbitraries.of("-90.0000001", "90.0000001", "91", "-180", "180", "360")
                        .map(raw -> d.with(key, raw, Verdict.bad(outOfRange(key)), "lat " + raw)));
                break;
            case LON:
                ways.add(hostileNumber(key, -180, true, 180).map(f -> d.with(key, f.raw, f.verdict, "lon " + f.raw)));
                ways.add(Arbitraries.of("-180", "180", "-0", "180.0").map(raw -> d.with(key, raw, Verdict.ok(Double.parseDouble(raw)), "lon " + raw)));
                ways.add(Arbitraries.of("-180.0000001", "180.0000001", "181", "360", "-540")
                        .map(raw -> d.with(key, raw, Verdict.bad(outOfRange(key)), "lon " + raw)));
                break;
            case QUANTITY:
                ways.add(hostileNumber(key, 0, false, 10_000).map(f -> d.with(key, f.raw, f.verdict, key + " " + abbreviate(f.raw))));
                break;
            case RADIUS:
                ways.add(hostileNumber(key, 0, false, 50).map(f -> d.with(key, f.raw, f.verdict, key + " " + abbreviate(f.raw))));
                break;
            case CAPACITY:
                ways.add(hostileNumber(key, 0, true, 100_000).map(f -> d.with(key, f.raw, f.verdict, key + " " + abbreviate(f.raw))));
                break;
            case PICKED:
                ways.add(hostileNumber(key, 0, true, 10_000).map(f -> d.with(key, f.raw, f.verdict, key + " " + abbreviate(f.raw))));
                break;
            case PORTIONS:
                ways.add(hostileCount(key, 1_000_000).map(f -> d.with(key, f.raw, f.verdict, key + " " + f.raw)));
                break;
            case BOOL:
            case OPTIONAL_BOOL:
                ways.add(Arbitraries.of("\"yes\"", "\"\"", "\"1\"").map(raw -> d.with(key, raw, Verdict.bad(invalidType(key)), key + " " + raw)));
                break;
            case CATEGORY:
                ways.add(Arbitraries.of("snacks", "Bakery", "bakery ", "", "BAKERY", "cooked-meal", "bakery\u0000")
                        .map(c -> d.with(key, quote(c), Verdict.bad("unknown_category"), "category " + c)));
                ways.add(Arbitraries.of(CATEGORIES).map(c -> d.with(key, escapeSome(c), Verdict.ok(c), "category escaped")));
                break;
            case CATEGORIES:
                ways.add(Arbitraries.just(d.with(key, "[]", Verdict.bad(outOfRange(key)), "accepts empty")));
                ways.add(Arbitraries.of("[\"snacks\"]", "[\"bakery\",\"snacks\"]", "[\"\"]")
                        .map(raw -> d.with(key, raw, Verdict.bad("unknown_category"), "accepts " + raw)));
                ways.add(Arbitraries.integers().between(1, 3000).map(n -> d.with(key,
                        "[" + String.join(",", Collections.nCopies(n, "\"produce\"")) + "]", Verdict.ok(new TreeSet<>(Set.of("produce"))),
                        "accepts produce x" + n)));
                break;
            case TIME:
                ways.add(hostileTime(key).map(f -> d.with(key, f.raw, f.verdict, key + " " + f.raw)));
                ways.add(Arbitraries.longs().between(-40 * DAY, 40 * DAY).map(shift -> {
                    Object v = d.field(key) == null ? null : d.field(key).verdict.value;
                    if (!(v instanceof Long)) {
                        return d;
                    }
                    long t = Math.max(EARLIEST, Math.min(END - 1, (Long) v + shift));
                    return d.with(key, timeText(t, true), Verdict.ok(t), key + " moved by " + shift + " ms");
                }));
                break;
            case TYPE:
                ways.add(Arbitraries.of("offer.updated", "OFFER.POSTED", "", "pangan.source-caught-up", "input.rejected", "offer.proposed",
                        "offer.posted ", "offer_posted")
                        .map(t -> d.with(key, quote(t), Verdict.bad("unknown_type"), "type " + t)));
                break;
            default:
                break;
        }
        if (ways.isEmpty()) {
            return Arbitraries.oneOf(common);
        }
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.oneOf(common)), Tuple.of(2, Arbitraries.oneOf(ways)));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 20) + "...(" + s.length() + " chars)" : s;
    }

    private static Draft removeOrNull(Draft d, String key, Verdict missing, boolean asNull) {
        if (asNull) {
            return d.with(key, "null", missing, key + " null");
        }
        return d.without(key, "no " + key).with(key, null, missing, "");
    }

    /** The string as JSON with some of its characters written as \\u escapes. */
    static String escapeSome(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i % 2 == 0) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    // ================================================================ extra fields and the whole payload

    /** JSON values for fields the contract does not define: harmless, however odd, up to a depth. */
    static Arbitrary<String> extraValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "NaN", "-Infinity", "1e999", "\"\"", "{}", "[]", "\"\\u0000\"", "\"\\uD800\"",
                        "\"tomorrow\"", "{\"type\":\"offer.cancelled\"}", "[{\"lat\":999}]", "-0", "1" + "0".repeat(200)),
                Arbitraries.strings().ofMaxLength(200).map(HostilePayloads::quote),
                Arbitraries.integers().between(1, 900).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(1, 300).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
    }

    private static Arbitrary<Draft> addExtraField(Draft d) {
        return extraValues().map(v -> {
            String key = d.nextExtraKey();
            return d.with(key, v, Verdict.ok(null), "extra " + key + "=" + abbreviate(v));
        });
    }

    /**
     * Times at and just past the limits between them: expires_at at ready_at or event_time, an
     * offer living 30 days or a millisecond more, an event dated at or past the skew after its receipt.
     */
    private static Arbitrary<Draft> timesAtTheirLimits(Draft d) {
        Long ready = timeOf(d, "ready_at");
        Long expires = timeOf(d, "expires_at");
        Long event = timeOf(d, "event_time");
        List<Draft> ways = new ArrayList<>();
        if (d.type.equals("offer.posted") && ready != null && expires != null && event != null) {
            ways.add(d.with("expires_at", timeText(ready, true), Verdict.ok(ready), "expires_at = ready_at"));
            if (expires + 1 < END) {
                ways.add(d.with("ready_at", timeText(expires + 1, true), Verdict.ok(expires + 1), "ready_at after expires_at"));
            }
            // expires_at at or before event_time, still after ready_at: only the rule against event_time is broken
            for (long back : new long[] {0, 1, 3_600_000}) {
                long t = event - back;
                if (t - 1000 >= EARLIEST) {
                    ways.add(d.with("expires_at", timeText(t, true), Verdict.ok(t), "expires_at " + back + " ms before event_time")
                            .with("ready_at", timeText(t - 1000, true), Verdict.ok(t - 1000), "ready_at a second before"));
                }
            }
            if (event + MAX_OFFER_LIFETIME + 1 < END) {
                ways.add(d.with("expires_at", timeText(event + MAX_OFFER_LIFETIME, true), Verdict.ok(event + MAX_OFFER_LIFETIME),
                        "expires_at 30 days after event_time"));
                ways.add(d.with("expires_at", timeText(event + MAX_OFFER_LIFETIME + 1, true), Verdict.ok(event + MAX_OFFER_LIFETIME + 1),
                        "expires_at 30 days and 1 ms after event_time"));
            }
        }
        if (event != null && d.receivedAt != RawInput.NO_RECEIVE_TIME) {
            for (long ahead : new long[] {MAX_CLOCK_SKEW_MS, MAX_CLOCK_SKEW_MS + 1, 365 * DAY}) {
                long t = Math.min(END - 1, d.receivedAt + ahead);
                ways.add(d.with("event_time", timeText(t, true), Verdict.ok(t), "event_time " + ahead + " ms after its receipt"));
            }
        }
        return ways.isEmpty() ? Arbitraries.just(d) : Arbitraries.of(ways);
    }

    private static Long timeOf(Draft d, String key) {
        Field f = d.field(key);
        return f != null && f.raw != null && f.verdict.value instanceof Long ? (Long) f.verdict.value : null;
    }

    /** Nesting deeper than a parser need accept: valid JSON, which an implementation may still refuse as malformed. */
    private static Arbitrary<Draft> addDeepNesting(Draft d) {
        return Arbitraries.integers().between(1001, 6000).map(n -> {
            Draft x = d.with(d.nextExtraKey(), "[".repeat(n) + "]".repeat(n), Verdict.ok(null), "nested " + n + " deep");
            x.mayAlsoBe.add("malformed_json");
            return x;
        });
    }

    private static Arbitrary<Draft> repeatAKey(Draft d) {
        List<Field> present = new ArrayList<>();
        d.fields.stream().filter(f -> f.raw != null).forEach(present::add);
        return Arbitraries.of(present).flatMap(f -> Arbitraries.of(true, false).map(same -> {
            Draft x = d.copy();
            String raw = same ? f.raw : "\"other\"";
            x.fields.add(new Field(f.key, raw, Verdict.ok(null)));
            x.story.add("key " + f.key + " twice");
            return x;
        }));
    }

    private static Draft damageText(Draft d, String note, String reason, UnaryOperator<byte[]> damage) {
        Draft x = d.copy();
        x.textDamage.add(damage);
        if (reason != null) {
            x.wholeReasons.add(reason);
        }
        x.story.add(note);
        return x;
    }

    /** Damage to the text as a whole. */
    private static Arbitrary<Draft> damageWhole(Draft d) {
        List<Arbitrary<Draft>> ways = new ArrayList<>();
        // cut before the object's closing brace: whatever follows it (whitespace) would leave it whole
        ways.add(Arbitraries.integers().between(0, 10_000).map(n -> damageText(d, "cut after " + n + " bytes", "malformed_json",
                b -> Arrays.copyOf(b, Math.min(n, lastIndexOf(b, (byte) '}') >= 0 ? lastIndexOf(b, (byte) '}') : Math.max(0, b.length - 1))))));
        ways.add(Arbitraries.of("x", "}", "{}", ",", "]", "null", " {\"type\":\"offer.cancelled\"}", "\u0000", " //", "\"")
                .map(g -> damageText(d, "followed by " + g.replace("\0", "NUL"), "malformed_json", b -> concat(b, g.getBytes(UTF_8)))));
        ways.add(Arbitraries.of(" ", "\t", d.channel == Channel.NATS ? " \r\n " : "  ").map(g -> damageText(d, "trailing whitespace", null, b -> concat(b, g.getBytes(UTF_8)))));
        ways.add(Arbitraries.of("null", "[]", "42", "\"offer.posted\"", "true", "", "   ", "[{}]", "{}x", "/* */{}", "{'type':'offer.posted'}")
                .map(s -> {
                    // the last word: nothing added after it could make it an object again
                    Draft x = damageText(d, "replaced by " + s, "malformed_json", b -> b);
                    x.replacement = s;
                    return x;
                }));
        ways.add(Arbitraries.just(d).map(x -> damageText(x, "wrapped in an array", "malformed_json", b -> concat(concat(new byte[] {'['}, b), new byte[] {']'}))));
        ways.add(Arbitraries.integers().between(0, 100_000).map(at -> damageText(d, "a NUL byte at " + at, "malformed_json",
                b -> insert(b, Math.min(at, b.length), new byte[] {0}))));
        ways.add(Arbitraries.just(d).map(x -> {
            Draft y = damageText(x, "a byte-order mark first", null, b -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b));
            y.mayAlsoBe.add("malformed_json");
            return y;
        }));
        return Arbitraries.oneOf(ways);
    }

    /** Bytes that are not UTF-8, somewhere in the message (NATS only: a replay file is read as text). */
    private static Arbitrary<Draft> notUtf8(Draft d) {
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        return Combinators.combine(bad, Arbitraries.integers().between(0, 100_000)).as((bytes, at) -> {
            Draft x = damageText(d, "bytes " + hex(bytes) + " at " + at, null, b -> insert(b, Math.min(at, b.length), bytes));
            x.notUtf8 = true;
            return x;
        });
    }

    /** Padded with an extra field to exactly the limit, just past it, to nats-server's maximum, or past that. */
    private static Arbitrary<Draft> padded(Draft d) {
        Arbitrary<Integer> sizes = Arbitraries.of(MAX_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES - 1, MAX_PAYLOAD_BYTES + 1, MAX_PAYLOAD_BYTES + 3,
                2 * MAX_PAYLOAD_BYTES, NATS_MAX_PAYLOAD, NATS_MAX_PAYLOAD + 1);
        return Combinators.combine(sizes, Arbitraries.of("x", "é", "字", "\uD83D\uDE00", "\\\"", "\\u0000")).as((size, c) -> {
            Draft x = d.copy();
            x.padToBytes = size;
            x.padChar = c;
            x.story.add("padded with " + c + " to " + size + " bytes");
            return x;
        });
    }

    /** The message comes from another publisher, or on another stream, than the event says (NATS only). */
    private static Arbitrary<Draft> wrongPublisher(Draft d) {
        List<SourceStream> streams = List.of(SourceStream.OFFERS, SourceStream.NGOS, SourceStream.CLAIMS);
        return Arbitraries.oneOf(
                ids().map(p -> d.routed(d.stream, p)),
                Arbitraries.of(streams).map(s -> d.routed(s, d.publisher)),
                Arbitraries.just(d.routed(d.stream, null)));
    }

    // ================================================================ putting it together

    /** Hostile payloads of every input type for one channel. */
    public static Arbitrary<Hostile> hostile(Channel channel) {
        // postings and availability have the most fields and rules: drawn more often
        Arbitrary<String> types = Arbitraries.frequency(Tuple.of(3, "offer.posted"), Tuple.of(2, "ngo.availability"), Tuple.of(1, "offer.cancelled"),
                Tuple.of(1, "claim.accepted"), Tuple.of(1, "claim.declined"), Tuple.of(1, "pickup.completed"));
        return types.flatMap(type -> valid(type, channel)).flatMap(base -> damage(base, channel, 3)).map(HostilePayloads::finish);
    }

    /** Valid events only, written plainly: the baseline. */
    public static Arbitrary<Hostile> plain(Channel channel) {
        return Arbitraries.of(TYPES).flatMap(type -> valid(type, channel, true)).map(HostilePayloads::finish);
    }

    /** Up to {@code max} kinds of damage, one after another. */
    static Arbitrary<Draft> damage(Draft base, Channel channel, int max) {
        Arbitrary<Draft> once = damageOnce(base, channel);
        if (max <= 1) {
            return once;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, once),
                Tuple.of(3, once.flatMap(d -> damage(d, channel, max - 1))),
                Tuple.of(1, Arbitraries.just(base)));
    }

    private static Arbitrary<Draft> damageOnce(Draft d, Channel channel) {
        List<Tuple.Tuple2<Integer, Arbitrary<Draft>>> ways = new ArrayList<>();
        List<String> keys = fieldsOf(d.type);
        ways.add(Tuple.of(12, Arbitraries.of(keys).flatMap(key -> damageField(d, key))));
        ways.add(Tuple.of(3, addExtraField(d)));
        ways.add(Tuple.of(5, timesAtTheirLimits(d)));
        // the fields with a closed set of values, which a random field rarely hits
        String closedSet = d.type.equals("offer.posted") ? "category" : d.type.equals("ngo.availability") ? "accepts" : "type";
        ways.add(Tuple.of(2, damageField(d, closedSet)));
        ways.add(Tuple.of(1, addDeepNesting(d)));
        ways.add(Tuple.of(2, repeatAKey(d)));
        ways.add(Tuple.of(4, damageWhole(d)));
        ways.add(Tuple.of(2, padded(d)));
        if (channel == Channel.NATS) {
            ways.add(Tuple.of(2, notUtf8(d)));
            ways.add(Tuple.of(2, wrongPublisher(d)));
        } else {
            ways.add(Tuple.of(3, receivedAt(d)));
        }
        return Arbitraries.frequencyOf(ways.toArray(new Tuple.Tuple2[0]));
    }

    /** A replay line's own receive time (top-level received_at): unusable, or one that the event time is too far ahead of. */
    private static Arbitrary<Draft> receivedAt(Draft d) {
        Arbitrary<Draft> bad = Arbitraries.of("\"yesterday\"", "12", "true", "{}", "\"1999-12-31T23:59:59Z\"", "\"2100-01-01T00:00:00Z\"", "null")
                .map(raw -> d.with("received_at", raw, raw.equals("null") ? Verdict.ok(null)
                        : raw.startsWith("\"1999") || raw.startsWith("\"2100") ? Verdict.bad(outOfRange("received_at"))
                        : raw.startsWith("\"") ? Verdict.bad("invalid_time:received_at") : Verdict.bad(invalidType("received_at")),
                        "received_at " + raw));
        Arbitrary<Long> offsets = Arbitraries.oneOf(Arbitraries.longs().between(-2 * MAX_CLOCK_SKEW_MS, 2 * MAX_CLOCK_SKEW_MS),
                Arbitraries.of(-MAX_CLOCK_SKEW_MS, -MAX_CLOCK_SKEW_MS - 1, -365 * DAY));
        Arbitrary<Draft> at = offsets.map(offset -> {
            Object t = d.field("event_time") == null ? null : d.field("event_time").verdict.value;
            long base = t instanceof Long ? (Long) t : 1_795_601_700_000L;
            long r = Math.max(EARLIEST, Math.min(END - 1, base + offset));
            return d.with("received_at", timeText(r, true), Verdict.ok(r), "received_at event_time" + (offset >= 0 ? "+" : "") + offset + " ms");
        });
        return Arbitraries.oneOf(bad, at);
    }

    /** Renders the draft and works out, from the contract, what must come of it. */
    static Hostile finish(Draft d) {
        byte[] bytes = render(d).getBytes(UTF_8);
        for (UnaryOperator<byte[]> damage : d.textDamage) {
            bytes = damage.apply(bytes);
        }
        if (d.padToBytes > 0) {
            bytes = pad(bytes, d.padToBytes, d.padChar);
        }
        if (d.replacement != null) {
            bytes = d.replacement.getBytes(UTF_8);
        }
        Set<String> reasons = new TreeSet<>();
        boolean tooLarge = bytes.length > MAX_PAYLOAD_BYTES;
        if (tooLarge) {
            reasons.add("payload_too_large");
        }
        boolean utf8 = DeadLetterPayload.decodeStrictly(bytes) != null;
        if (!utf8) {
            reasons.add("invalid_utf8");
        }
        Set<String> content = contentReasons(d);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : d.fields) {
            if (f.raw != null && kindOf(f.key) != null) {
                values.put(f.key, f.verdict.value);
            }
        }
        Set<String> allowed = new TreeSet<>();
        if (!utf8 || tooLarge) {
            // the message is refused as a whole; what the content would have said may also be named
            allowed.addAll(reasons);
            allowed.addAll(content);
            allowed.remove(VALID);
            allowed.addAll(d.mayAlsoBe);
        } else {
            allowed.addAll(content);
            if (allowed.contains(VALID) || !d.mayAlsoBe.isEmpty()) {
                allowed.addAll(d.mayAlsoBe);
            }
        }
        return new Hostile(d, bytes, allowed, values);
    }

    /** What the readable content (JSON and fields) must lead to: {@link #VALID} or reasons. */
    private static Set<String> contentReasons(Draft d) {
        Set<String> reasons = eventReasons(d);
        Field r = d.field("received_at");
        if (d.channel == Channel.REPLAY && r != null && r.raw != null && !r.verdict.isOk()) {
            // a replay line's received_at is read apart from the event, before it: its problem may be named first
            reasons.remove(VALID);
            reasons.addAll(r.verdict.reasons);
        }
        return reasons;
    }

    private static Set<String> eventReasons(Draft d) {
        if (!d.wholeReasons.isEmpty()) {
            return new TreeSet<>(d.wholeReasons);
        }
        Set<String> keys = new TreeSet<>();
        for (Field f : d.fields) {
            if (f.raw != null && !keys.add(f.key)) {
                return new TreeSet<>(Set.of("malformed_json")); // a key given twice
            }
        }
        Set<String> reasons = new TreeSet<>();
        Field type = d.field("type");
        if (type == null || !type.verdict.isOk() || type.raw == null) {
            reasons.addAll(type == null || type.raw == null ? Set.of("missing_field:type", "unknown_type") : type.verdict.reasons);
            return reasons;
        }
        Map<String, Verdict> byKey = new LinkedHashMap<>();
        for (String key : fieldsOf(d.type)) {
            Field f = d.field(key);
            if (f == null || f.raw == null) {
                byKey.put(key, isOptional(key) ? Verdict.ok(null) : Verdict.bad("missing_field:" + key));
            } else {
                byKey.put(key, f.verdict);
            }
        }
        byKey.values().forEach(v -> reasons.addAll(v.reasons));
        // between fields: an offer's times
        if (d.type.equals("offer.posted")) {
            Long ready = time(byKey, "ready_at");
            Long expires = time(byKey, "expires_at");
            Long event = time(byKey, "event_time");
            if (ready != null && expires != null && expires <= ready) {
                reasons.add("expires_before_ready");
            }
            if (event != null && expires != null && expires <= event) {
                reasons.add("expires_before_event_time");
            }
            if (event != null && expires != null && expires - event > MAX_OFFER_LIFETIME) {
                reasons.add(outOfRange("expires_at"));
            }
        }
        // against the receive time: the server's, or a replay line's received_at
        Long event = time(byKey, "event_time");
        long received = d.receivedAt;
        if (d.channel == Channel.REPLAY) {
            Field r = d.field("received_at");
            if (r != null && r.raw != null && r.verdict.isOk() && r.verdict.value != null) {
                received = (Long) r.verdict.value;
            }
        }
        if (event != null && received != RawInput.NO_RECEIVE_TIME && event > received + MAX_CLOCK_SKEW_MS) {
            reasons.add("event_time_in_future");
        }
        // who may say what
        if (d.channel == Channel.NATS) {
            SourceStream own = streamOf(d.type);
            Verdict id = byKey.get(own == SourceStream.OFFERS ? "provider_id" : "ngo_id");
            if (d.stream != own || d.publisher == null || (id.isOk() && !d.publisher.equals(id.value))) {
                reasons.add("identity_mismatch");
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(VALID);
        }
        return reasons;
    }

    private static Long time(Map<String, Verdict> byKey, String key) {
        Verdict v = byKey.get(key);
        return v != null && v.isOk() ? (Long) v.value : null;
    }

    static String render(Draft d) {
        StringBuilder b = new StringBuilder("{");
        for (Field f : d.fields) {
            if (f.raw == null) {
                continue;
            }
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(quote(f.key)).append(':').append(f.raw);
        }
        return b.append('}').toString();
    }

    /** Adds a field {@code "pad":"ccc..."} before the closing brace so that the whole is exactly {@code size} bytes. */
    private static byte[] pad(byte[] bytes, int size, String c) {
        int close = lastIndexOf(bytes, (byte) '}');
        if (close < 0) {
            return bytes;
        }
        byte[] head = Arrays.copyOf(bytes, close);
        byte[] tail = Arrays.copyOfRange(bytes, close, bytes.length);
        byte[] open = ",\"pad\":\"".getBytes(UTF_8);
        byte[] end = "\"".getBytes(UTF_8);
        int room = size - head.length - tail.length - open.length - end.length;
        if (room < 0) {
            return bytes;
        }
        byte[] unit = c.getBytes(UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(head);
        out.writeBytes(open);
        int units = room / unit.length;
        for (int i = 0; i < units; i++) {
            out.writeBytes(unit);
        }
        for (int i = units * unit.length; i < room; i++) {
            out.write('x');
        }
        out.writeBytes(end);
        out.writeBytes(tail);
        return out.toByteArray();
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] insert(byte[] a, int at, byte[] b) {
        return concat(concat(Arrays.copyOf(a, at), b), Arrays.copyOfRange(a, at, a.length));
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("%02X", x & 0xFF));
        }
        return b.toString();
    }
}
