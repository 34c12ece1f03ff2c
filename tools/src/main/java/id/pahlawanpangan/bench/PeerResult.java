package id.pahlawanpangan.bench;

/**
 * A peer's row of the table, and what its sample lookups showed ({@link PeerWorkload#check}),
 * printed under the table.
 */
public record PeerResult(Measurement row, String check) {}
