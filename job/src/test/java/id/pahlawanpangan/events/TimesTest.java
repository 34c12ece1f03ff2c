package id.pahlawanpangan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Times are read without java.time's parser on the hot path; they must be read exactly as
 * java.time reads them: the same value for every time the contract accepts, the same rejection
 * for every other text. The reference below is the reading of earlier builds.
 */
class TimesTest {
    private static final Pattern UTC_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z");

    /** How earlier builds read a contract time: a pattern, then java.time's strict ISO reader. */
    private static String reference(String text) {
        if (!UTC_TIME.matcher(text).matches()) {
            return "invalid_time:t";
        }
        long t;
        try {
            t = LocalDateTime.parse(text.substring(0, text.length() - 1)).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return "invalid_time:t";
        }
        return t < Times.EARLIEST || t >= Times.END ? "out_of_range:t" : Long.toString(t);
    }

    private static String read(String text) {
        try {
            return Long.toString(Times.parseContractTime(text, "t"));
        } catch (InvalidInputException e) {
            return e.reason();
        }
    }

    private static String lenient(String text) {
        try {
            return Long.toString(Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            return "unreadable";
        }
    }

    private static String readLeniently(String text) {
        try {
            return Long.toString(Times.parse(text));
        } catch (DateTimeParseException e) {
            return "unreadable";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-25T10:15:00Z", "2026-11-25T10:15:00.1Z", "2026-11-25T10:15:00.12Z", "2026-11-25T10:15:00.123Z",
            "2026-11-25T10:15:00.1234Z", "2026-11-25T10:15:00.Z", "2026-11-25T10:15Z", "2026-11-25 10:15:00Z",
            "2026-11-25T10:15:00+07:00", "2026-11-25T10:15:00z", "2026-11-25T24:00:00Z", "2026-11-25T23:59:60Z",
            "2026-11-25T23:60:00Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
            "2100-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z", "1999-12-31T23:59:59.999Z", "2000-01-01T00:00:00Z",
            "2099-12-31T23:59:59.999Z", "2100-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
            "2026-1a-25T10:15:00Z", "２０２６-11-25T10:15:00Z", "2026-11-25T10:15:0٠Z", "-026-11-25T10:15:00Z",
            "+2026-11-25T10:15:00Z", "2026-11-25T10:15:00.-1Z", "", "Z"})
    void readsEachTimeAsJavaTimeDoes(String text) {
        assertThat(read(text)).as(text).isEqualTo(reference(text));
        assertThat(readLeniently(text)).as(text).isEqualTo(lenient(text));
    }

    @Property(tries = 3000)
    void readsEveryNearlyWellFormedTimeAsJavaTimeDoes(@ForAll("nearlyTimes") String text) {
        assertThat(read(text)).isEqualTo(reference(text));
        assertThat(readLeniently(text)).isEqualTo(lenient(text));
    }

    @Provide
    Arbitrary<String> nearlyTimes() {
        Arbitrary<String> year = Arbitraries.of("1999", "2000", "2024", "2026", "2099", "2100", "0000", "9999", "20x6");
        Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
        Arbitrary<String> fraction = Arbitraries.of("", ".", ".5", ".05", ".123", ".1234", ".x");
        Arbitrary<String> zone = Arbitraries.of("Z", "Z", "Z", "+00:00", "z", "");
        return Combinators.combine(year, two, two, two, two, two, fraction, zone)
                .as((y, mo, d, h, mi, s, f, z) -> y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + z);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T10:15:00.123456789Z", "2026-11-25T10:15:00+07:00"})
    void anyOtherIsoInstantIsStillReadLeniently(String text) {
        assertThat(readLeniently(text)).isEqualTo(lenient(text)).isNotEqualTo("unreadable");
        assertThatThrownBy(() -> Times.parseContractTime(text, "t")).isInstanceOf(InvalidInputException.class);
    }
}
