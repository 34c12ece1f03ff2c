package id.pahlawanpangan.bench;

import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.nats.NatsConnection;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.db.Roles;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.live.PanganStreams;
import id.pahlawanpangan.live.StreamLimits;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.workload.LiveLoad;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live job on this machine's services, as the live benchmarks run it: a fresh database of
 * the tool's own, the job in a JVM of its own ({@code run --fresh}) on JetStream streams of a
 * namespace of its own, a {@link DecisionWatch} on its output that answers as the NGOs, and the
 * load's NGOs published, the job started and reading. Closing stops the job (with a savepoint) and
 * deletes the streams.
 */
final class LiveRig implements AutoCloseable {
    /** What a tool runs the rig on, and what it calls its database, namespaces and files. */
    record Site(String tool, String namespacePrefix, String database, Path workDir, NatsConnection nats, PostgisConnection server,
                String jobUser) {}

    final Subjects subjects;
    final PostgisConnection db;
    final Path log;
    final Connection connection;
    final JobProcess job;
    final DecisionWatch watch;
    final LiveLoad load;
    private final Site site;

    private LiveRig(Site site, Subjects subjects, PostgisConnection db, Path log, Connection connection, JobProcess job,
                    DecisionWatch watch, LiveLoad load) {
        this.site = site;
        this.subjects = subjects;
        this.db = db;
        this.log = log;
        this.connection = connection;
        this.job = job;
        this.watch = watch;
        this.load = load;
    }

    /**
     * Starts the job with these settings (the rig adds the namespace and its checkpoint and
     * savepoint directories under the work directory) and returns once it writes.
     */
    static LiveRig start(Site site, String label, Map<String, String> jobSettings, int parallelism, int ngos, long seed) throws Exception {
        Files.createDirectories(site.workDir());
        Subjects subjects = new Subjects(site.namespacePrefix() + Long.toString(System.currentTimeMillis() / 1000, 36));
        PostgisConnection db = freshDatabase(site);
        Map<String, String> all = new LinkedHashMap<>(jobSettings);
        all.put("nats.namespace", subjects.namespace());
        String work = site.workDir().toAbsolutePath().toUri().toString();
        all.put("execution.checkpointing.dir", work + "checkpoints");
        all.put("execution.checkpointing.savepoint-dir", work + "savepoints");
        Path log = site.workDir().resolve("job-" + subjects.namespace() + ".log");
        System.out.printf("%s: %s: starting the job (log %s)%n", site.tool(), label, log);

        Connection connection = null;
        JobProcess job = null;
        DecisionWatch watch = null;
        try {
            connection = site.nats().connect("pangan-" + site.tool());
            job = JobProcess.start(parallelism, all, Map.of("PANGAN_PG_URL", db.url(), "PANGAN_PG_USER", site.jobUser()), log);
            watch = new DecisionWatch(connection, subjects.outputs());
            PanganStreams.ensureAll(connection, subjects, StreamLimits.defaults());
            LiveLoad load = new LiveLoad(connection.jetStream(), subjects, ngos, seed);
            load.publishAllNgos();
            awaitJobRunning(job, db, log);
            return new LiveRig(site, subjects, db, log, connection, job, watch, load);
        } catch (Exception | Error e) {
            try {
                new LiveRig(site, subjects, db, log, connection, job, watch, null).close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Messages of the stream its consumers (the job's source) have not read yet. */
    long pending(SourceStream stream) throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();
        long pending = 0;
        for (ConsumerInfo c : jsm.getConsumers(subjects.inputStream(stream))) {
            pending += c.getNumPending();
        }
        return pending;
    }

    /** Waits for every publish's acknowledgement; fails if JetStream refused any. */
    void checkAcknowledged() {
        load.collectAcknowledgements(true);
        if (load.failed() > 0) {
            throw new IllegalStateException(load.failed() + " of " + load.published() + " publishes were not acknowledged");
        }
    }

    /** Whether the job's process still runs; fails, pointing to its log, if it ended. */
    void checkJobAlive() {
        if (!job.isAlive()) {
            throw new IllegalStateException("the job process ended; see " + log);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (watch != null) {
                watch.close();
            }
            if (job != null) {
                job.close();
            }
            if (connection != null) {
                connection.close();
            }
        } finally {
            deleteStreams();
        }
    }

    private static void awaitJobRunning(JobProcess job, PostgisConnection db, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!job.isAlive()) {
                throw new IllegalStateException("the job process ended while starting; see " + log);
            }
            try (var c = db.open(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from ngo_availability")) {
                r.next();
                if (r.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the job did not start within 3 minutes; see " + log);
    }

    private static PostgisConnection freshDatabase(Site site) throws Exception {
        try (var admin = site.server().onDatabase("postgres").open(); Statement st = admin.createStatement()) {
            st.execute("drop database if exists " + site.database() + " with (force)");
            st.execute("create database " + site.database());
        }
        PostgisConnection db = site.server().onDatabase(site.database());
        new Schema(db).migrate(null);
        Roles roles = new Roles(db);
        if (!roles.canLogInAs(site.jobUser(), Roles.Role.JOB)) {
            roles.grantLogin(site.jobUser(), Roles.Role.JOB, Secret.fromEnvironmentOrFile("PANGAN_PG_PASSWORD"));
        }
        return db;
    }

    private void deleteStreams() {
        try (Connection c = site.nats().connect("pangan-" + site.tool() + "-cleanup")) {
            for (StreamConfiguration s : PanganStreams.all(subjects, StreamLimits.defaults())) {
                try {
                    c.jetStreamManagement().deleteStream(s.getName());
                } catch (Exception e) {
                    // already gone
                }
            }
        } catch (Exception e) {
            System.err.println(site.tool() + ": could not delete the streams of " + subjects.namespace() + ": " + e.getMessage());
        }
    }
}
