package id.pahlawanpangan.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The contract's time format: ISO-8601 UTC with milliseconds. */
public final class Times {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** ISO-8601 in UTC, as the contract writes it: seconds, optionally milliseconds, then Z. */
    private static final Pattern UTC_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z");
    /** Every time of the contract lies in [2000-01-01, 2100-01-01). */
    public static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    public static final long END = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private Times() {}

    public static String format(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    public static long parse(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /**
     * A time of the contract, strictly: {@code invalid_time:<field>} when it is not ISO-8601 UTC
     * as the contract writes it (no 24:00, no leap second, no 30 February, no offsets), {@code
     * out_of_range:<field>} when it lies outside [2000, 2100).
     */
    public static long parseContractTime(String text, String field) throws InvalidInputException {
        if (!UTC_TIME.matcher(text).matches()) {
            throw new InvalidInputException(RejectReason.forField(RejectReason.INVALID_TIME, field));
        }
        long t;
        try {
            t = LocalDateTime.parse(text.substring(0, text.length() - 1)).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidInputException(RejectReason.forField(RejectReason.INVALID_TIME, field));
        }
        if (t < EARLIEST || t >= END) {
            throw new InvalidInputException(RejectReason.forField(RejectReason.OUT_OF_RANGE, field));
        }
        return t;
    }
}
