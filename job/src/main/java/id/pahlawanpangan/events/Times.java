package id.pahlawanpangan.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contract's time format: ISO-8601 UTC with milliseconds. */
public final class Times {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** What {@link #contractMillis} answers for a text that is not a time as the contract writes it. */
    private static final long NOT_A_CONTRACT_TIME = Long.MIN_VALUE;
    /** Every time of the contract lies in [2000-01-01, 2100-01-01). */
    public static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    public static final long END = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private Times() {}

    public static String format(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Any ISO-8601 instant; the contract's own form is read without java.time's parser, which cost more than the rest of a line's validation. */
    public static long parse(String iso) {
        long t = contractMillis(iso);
        return t != NOT_A_CONTRACT_TIME ? t : Instant.parse(iso).toEpochMilli();
    }

    /**
     * A time of the contract, strictly: {@code invalid_time:<field>} when it is not ISO-8601 UTC
     * as the contract writes it (no 24:00, no leap second, no 30 February, no offsets), {@code
     * out_of_range:<field>} when it lies outside [2000, 2100).
     */
    public static long parseContractTime(String text, String field) throws InvalidInputException {
        long t = contractMillis(text);
        if (t == NOT_A_CONTRACT_TIME) {
            throw new InvalidInputException(RejectReason.forField(RejectReason.INVALID_TIME, field));
        }
        if (t < EARLIEST || t >= END) {
            throw new InvalidInputException(RejectReason.forField(RejectReason.OUT_OF_RANGE, field));
        }
        return t;
    }

    /**
     * {@code uuuu-MM-ddTHH:mm:ss[.f{1,3}]Z} with ASCII digits and a real date and time of day (no
     * 24:00, no second 60, no 30 February) as epoch milliseconds; {@link #NOT_A_CONTRACT_TIME}
     * for anything else.
     */
    private static long contractMillis(String s) {
        int n = s.length();
        if (n != 20 && (n < 22 || n > 24)) {
            return NOT_A_CONTRACT_TIME;
        }
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z' || (n > 20 && s.charAt(19) != '.')) {
            return NOT_A_CONTRACT_TIME;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return NOT_A_CONTRACT_TIME;
        }
        int millis = n == 20 ? 0 : n == 22 ? fraction * 100 : n == 23 ? fraction * 10 : fraction;
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The decimal value of s[from, to), or -1 when a character there is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
