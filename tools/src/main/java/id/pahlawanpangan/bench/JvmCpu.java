package id.pahlawanpangan.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM, every thread of it: the embedded cluster's tasks, its GC and JIT. */
final class JvmCpu {
    private JvmCpu() {}

    static double seconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        throw new IllegalStateException("this JVM does not tell its process CPU time (com.sun.management.OperatingSystemMXBean)");
    }
}
