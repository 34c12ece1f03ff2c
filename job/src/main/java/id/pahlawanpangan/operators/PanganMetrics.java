package id.pahlawanpangan.operators;

/** Where the job's own metrics live: a {@code pangan} group under each operator's metric group. */
final class PanganMetrics {
    static final String GROUP = "pangan";

    private PanganMetrics() {}
}
