package id.pahlawanpangan.chaos;

/** A process a fault is done to. */
enum Target {
    TASKMANAGER("a TaskManager"),
    JOBMANAGER("the leading JobManager"),
    NATS("nats-server"),
    POSTGRES("PostgreSQL (postmaster and backends)");

    final String description;

    Target(String description) {
        this.description = description;
    }
}
