package id.pahlawanpangan.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputEventJson;
import id.pahlawanpangan.events.InputParser;
import id.pahlawanpangan.events.ParsedInput;
import id.pahlawanpangan.events.RawInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's NGOs and offers handed to the lookup benchmarks. */
class LookupWorkloadTest {
    private final InputParser parser = new InputParser(16_384);

    @Test
    void theSameSeedGivesTheSameNgos() {
        assertThat(LookupWorkload.ngos(300, 7)).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(LookupWorkload.ngos(300, 7));
        assertThat(LookupWorkload.ngos(300, 7)).extracting(n -> n.lat)
                .isNotEqualTo(LookupWorkload.ngos(300, 8).stream().map(n -> n.lat).toList());
    }

    @Test
    void ngosOfOneCityAreAllThere() {
        List<InputEvent> ngos = LookupWorkload.ngosIn("jakarta", 120, 42);
        assertThat(ngos).hasSize(120).allSatisfy(n -> assertThat(n.ngoId).startsWith("ngo-jakarta-"));
        assertThat(ngos).extracting(n -> n.ngoId).doesNotHaveDuplicates();
    }

    @Test
    void offersOfACityLeaveOutTheCityWhoseNameContinuesIt() {
        // tangerang-selatan's providers are prov-tangerang-selatan-NNNN: not tangerang's
        assertThat(LookupWorkload.offersIn("tangerang", 50, 42))
                .hasSize(50).allSatisfy(o -> assertThat(o.providerId).matches("prov-tangerang-\\d{4}"));
    }

    @Test
    void anUnknownCityIsRefusedRatherThanSearchedForever() {
        assertThatThrownBy(() -> LookupWorkload.ngosIn("atlantis", 1, 42)).hasMessageContaining("atlantis");
        assertThatThrownBy(() -> LookupWorkload.offersIn("atlantis", 1, 42)).hasMessageContaining("atlantis");
    }

    @Test
    void everyNgoAndOfferIsAValidEventOfTheContract() {
        for (InputEvent e : LookupWorkload.ngos(200, 42)) {
            assertThat(parse(e).isValid()).as(e.toString()).isTrue();
            assertThat(e.active).isTrue();
        }
        for (InputEvent e : LookupWorkload.offers(200, 42)) {
            assertThat(parse(e).isValid()).as(e.toString()).isTrue();
        }
    }

    private ParsedInput parse(InputEvent e) {
        return parser.parse(RawInput.replayLine(e.type.stream(), 0, InputEventJson.write(e), RawInput.NO_RECEIVE_TIME, e.eventTime));
    }
}
