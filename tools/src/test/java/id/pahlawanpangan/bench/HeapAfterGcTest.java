package id.pahlawanpangan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The used heap read from {@code jcmd <pid> GC.heap_info}. */
class HeapAfterGcTest {
    @Test
    void readsTheWholeHeapsUsedBytesNotTheMetaspaces() {
        String g1 = "15095:\n"
                + " garbage-first heap   total 368640K, used 106373K [0x0000000740000000, 0x0000000800000000)\n"
                + "  region size 2048K, 0 young (0K), 0 survivors (0K)\n"
                + " Metaspace       used 9144K, committed 9408K, reserved 1114112K\n"
                + "  class space    used 1095K, committed 1216K, reserved 1048576K\n";

        assertThat(HeapAfterGc.usedBytes(g1)).isEqualTo(106373L * 1024);
    }

    @Test
    void saysSoWhenTheOutputHasNoHeap() {
        assertThatThrownBy(() -> HeapAfterGc.usedBytes("15095:\nAttachNotSupportedException"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no heap usage");
    }
}
