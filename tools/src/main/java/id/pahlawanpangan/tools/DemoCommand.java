package id.pahlawanpangan.tools;

import id.pahlawanpangan.cli.DurationConverter;
import id.pahlawanpangan.cli.FlinkConf;
import id.pahlawanpangan.cli.ServiceOptions;
import id.pahlawanpangan.connectors.Secret;
import id.pahlawanpangan.connectors.postgis.PostgisConnection;
import id.pahlawanpangan.db.Roles;
import id.pahlawanpangan.db.Schema;
import id.pahlawanpangan.gateway.ApiKeys;
import id.pahlawanpangan.gateway.Client;
import id.pahlawanpangan.gateway.ClientRole;
import id.pahlawanpangan.gateway.GatewayNats;
import id.pahlawanpangan.gateway.GatewayServer;
import id.pahlawanpangan.gateway.GatewaySettings;
import id.pahlawanpangan.live.LiveJob;
import id.pahlawanpangan.live.LiveOptions;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.pipeline.MatchingOptions;
import id.pahlawanpangan.workload.GatewayPublisher;
import id.pahlawanpangan.workload.LiveSimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole product on one machine: schema migrated, streams in place, the live job on an
 * embedded cluster against NATS and PostGIS, the simulator driving it, then the job stopped with
 * a savepoint (a second run resumes from it) and a summary read back from the dashboard views. The
 * HTTP gateway runs in-process beside the job: a share of the simulated providers and NGOs (their
 * apps) send through it, the rest straight to NATS, and its dispatcher page shows the map live.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the live job against NATS and PostGIS with the simulator driving it, then prints what PostGIS holds.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--duration", defaultValue = "90s", converter = DurationConverter.class,
            description = "How long the simulator drives the job (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--speed", defaultValue = "60",
            description = "How many times shorter than in life every duration of the day is, the job's included (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--flink-conf", description = "Directory of config.yaml (default: $PANGAN_FLINK_CONF).")
    Path flinkConf;

    @Option(names = "--fresh", description = "Do not resume from an earlier run's savepoint.")
    boolean fresh;

    @Option(names = "--gateway-port", defaultValue = "8088",
            description = "Port of the HTTP gateway and its dispatcher page, on 127.0.0.1 (0: any free port; default: ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--via-gateway", defaultValue = "0.25",
            description = "Share of the providers, and of the NGOs, whose events go through the HTTP gateway rather than straight to NATS"
                    + " (0..1; default: ${DEFAULT-VALUE}).")
    double viaGateway;

    @Option(names = "--gateway-keys", defaultValue = "target/demo/gateway-keys",
            description = "The gateway's keys file, written afresh: a key per provider and NGO that goes through it, and a dispatcher's"
                    + " (default: ${DEFAULT-VALUE}).")
    Path gatewayKeys;

    @Override
    public Integer call() throws Exception {
        // migrated as the administrator; the job writes as its own login, made here if missing (a
        // local demo: elsewhere an operator makes it with `bin/pangan db --grant-login`)
        PostgisConnection admin = services.postgisAdmin();
        PostgisConnection postgis = services.postgis();
        var migrated = new Schema(admin).migrate(null);
        System.out.printf("demo: PostGIS %s at schema version %s%n", postgis.url(), Schema.versionAfter(migrated));
        Roles roles = new Roles(admin);
        if (!roles.canLogInAs(postgis.user(), Roles.Role.JOB)) {
            roles.grantLogin(postgis.user(), Roles.Role.JOB, Secret.fromEnvironmentOrFile("PANGAN_PG_PASSWORD"))
                    .forEach(done -> System.out.println("demo: " + done));
        }
        // real time, a compressed day: the job's durations are compressed as the simulator's are
        Configuration loaded = FlinkConf.load(flinkConf);
        LiveSimulator.jobSettings(speed).forEach((key, value) -> {
            if (!loaded.containsKey(key)) {
                loaded.setString(key, value);
            }
        });
        LiveJob job = new LiveJob(loaded, services.nats(), postgis, services.natsPropertiesFile());
        Configuration config = job.configuration();
        job.createStreams().forEach(line -> System.out.println("demo: stream " + line));
        job.prepareServices();
        if (!fresh) {
            LiveJob.latestLocalSnapshot(config).ifPresent(path -> {
                System.out.println("demo: resuming the job from " + path);
                config.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
            });
        }

        LiveSimulator.Settings settings = new LiveSimulator.Settings();
        settings.duration = duration;
        settings.speed = speed;
        settings.subjects = new Subjects(config.get(LiveOptions.NAMESPACE));
        if (viaGateway < 0 || viaGateway > 1) {
            throw new IllegalArgumentException("--via-gateway is a share, 0 to 1; was " + viaGateway);
        }
        LiveSimulator simulator = new LiveSimulator(settings);
        Map<String, String> appKeys = new LinkedHashMap<>();
        String dispatcherKey = writeKeys(gatewayKeys, LiveSimulator.share(LiveSimulator.providerIds(), viaGateway),
                LiveSimulator.share(simulator.ngoIds(), viaGateway), appKeys);
        // the gateway before the job: a port already taken fails the demo before anything runs
        GatewaySettings gatewaySettings = new GatewaySettings();
        gatewaySettings.port = gatewayPort;
        gatewaySettings.namespace = settings.subjects.namespace();
        io.nats.client.Connection gatewayNats = GatewayNats.connect(services.nats());
        GatewayServer gateway = new GatewayServer(gatewaySettings, ApiKeys.load(gatewayKeys), gatewayNats).start();
        String origin = "http://" + gatewaySettings.host + ":" + gateway.port();
        settings.gateway = new GatewayPublisher(URI.create(origin), appKeys);
        System.out.printf("demo: HTTP gateway at %s (keys in %s): %.0f%% of the providers and of the NGOs send through it"
                + " (%d of %d providers, %d of %d NGOs), the rest straight to NATS%n", origin, gatewayKeys, viaGateway * 100,
                appKeys.keySet().stream().filter(id -> id.startsWith("prov-")).count(), LiveSimulator.providerIds().size(),
                appKeys.keySet().stream().filter(id -> id.startsWith("ngo-")).count(), simulator.ngoIds().size());
        JobClient client = job.start(StreamExecutionEnvironment.createLocalEnvironment(2, config));
        System.out.printf("demo: job %s running on an embedded Flink cluster (NATS %s, PostGIS %s)%n",
                client.getJobID(), services.nats(), postgis.url());
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stop = new Thread(() -> stopWithSavepoint(job, client, stopped), "pangan-demo-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        System.out.printf("demo: the dispatcher's map, live while the demo runs: %s/dispatch/?key=%s%n", origin, dispatcherKey);
        System.out.printf("demo: simulating %d minutes of Indonesia's day in %d s of real time, every duration %.0fx shorter"
                + " (claim window %d s, escalation %d s before expiry) ...%n", (long) (duration.toSeconds() * speed / 60), duration.toSeconds(),
                speed, config.get(MatchingOptions.CLAIM_WINDOW).toSeconds(), config.get(MatchingOptions.ESCALATE_BEFORE_EXPIRY).toSeconds());
        GatewayPublisher.Report http;
        try {
            System.out.print(simulator.run(services.nats()));
            http = settings.gateway.finish(Duration.ofSeconds(30));
            Thread.sleep(3_000); // the last decisions reach PostGIS
            stopWithSavepoint(job, client, stopped);
            Runtime.getRuntime().removeShutdownHook(stop);
        } finally {
            gateway.close();
            gatewayNats.close();
        }
        summarize(admin);
        System.out.println();
        System.out.print(http);
        Set<String> viaHttp = settings.gateway.acceptedOffers();
        long decided = offersWithDecisions(admin, viaHttp);
        System.out.printf("gateway: %d of the %d offers posted through it have decisions in PostGIS (match_events)%n", decided, viaHttp.size());
        boolean failed = false;
        if (http.unexpected > 0) {
            System.err.println("demo: FAILED: the gateway answered " + http.unexpected + " requests other than 2xx or an expected refusal");
            failed = true;
        }
        // every one, bar a few posted in the last moments that the stop may have caught before their decision
        if (!viaHttp.isEmpty() && (decided == 0 || decided < 0.95 * viaHttp.size())) {
            System.err.printf("demo: FAILED: only %d of the %d offers posted through the gateway have a decision in PostGIS%n",
                    decided, viaHttp.size());
            failed = true;
        }
        System.out.println("demo: decisions are in PostGIS (tables match_events, rejected_input, ngo_availability; views offers,"
                + " dashboard_*) and in the JetStream stream " + settings.subjects.outputStream() + " (subjects "
                + settings.subjects.outputs() + ".>); run again to resume from the savepoint.");
        return failed ? 1 : 0;
    }

    /**
     * A keys file afresh: a new key for each provider and NGO that sends through the gateway (into
     * {@code appKeys}, by id) and one for a dispatcher, returned. The file holds only the keys'
     * hashes, as {@code bin/pangan-gateway keys add} writes them.
     */
    private static String writeKeys(Path file, List<String> providers, List<String> ngos, Map<String, String> appKeys) throws Exception {
        StringBuilder lines = new StringBuilder("# written by bin/pangan demo for this run: <role> <id> <sha256 of the key>\n");
        java.util.function.BiFunction<ClientRole, String, String> add = (role, id) -> {
            String key = ApiKeys.newKey();
            lines.append(ApiKeys.line(new Client(role, id), key));
            return key;
        };
        providers.forEach(id -> appKeys.put(id, add.apply(ClientRole.PROVIDER, id)));
        ngos.forEach(id -> appKeys.put(id, add.apply(ClientRole.NGO, id)));
        String dispatcher = add.apply(ClientRole.DISPATCHER, "demo-dispatcher");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        return dispatcher;
    }

    /** How many of these offers have at least one decision in match_events. */
    private static long offersWithDecisions(PostgisConnection postgis, Set<String> offerIds) throws Exception {
        if (offerIds.isEmpty()) {
            return 0;
        }
        try (Connection c = postgis.open();
             PreparedStatement s = c.prepareStatement("select count(distinct offer_id) from match_events where offer_id = any(?)")) {
            Array ids = c.createArrayOf("text", offerIds.toArray());
            s.setArray(1, ids);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void stopWithSavepoint(LiveJob job, JobClient client, AtomicBoolean stopped) {
        if (stopped.getAndSet(true)) {
            return;
        }
        try {
            System.out.println("demo: job stopped with savepoint " + job.stopWithSavepoint(client, Duration.ofMinutes(2)));
        } catch (Exception e) {
            System.err.println("demo: could not stop with a savepoint (" + e.getMessage() + "); the last retained checkpoint resumes the next run");
        }
    }

    private static void summarize(PostgisConnection postgis) throws Exception {
        try (Connection c = postgis.open(); Statement s = c.createStatement()) {
            print(s, "Outcomes by city (dashboard_outcomes_daily)",
                    "select city, day, offers, completed, expired, cancelled, in_progress, escalated, kg_rescued"
                    + " from dashboard_outcomes_daily order by offers desc limit 8");
            print(s, "Impact by city: meals and kg CO2e avoided (dashboard_impact_daily; factors in impact_meal_size, impact_co2e)",
                    "select city, day, pickups, kg_rescued, meals, co2e_kg from dashboard_impact_daily order by meals desc limit 8");
            print(s, "Time to first proposal and to claim, seconds of event time (dashboard_time_to_claim)",
                    "select city, proposed, claimed, round(first_proposal_p50_s::numeric, 1) as proposal_p50,"
                    + " round(claim_p50_s::numeric, 1) as claim_p50, round(claim_p95_s::numeric, 1) as claim_p95"
                    + " from dashboard_time_to_claim order by proposed desc limit 5");
            print(s, "Escalations (dashboard_escalations_daily)",
                    "select reason, sum(escalations) as escalations from dashboard_escalations_daily group by reason order by 2 desc");
            print(s, "Rejected input (dashboard_rejections_daily)",
                    "select reason, sum(rejected) as rejected from dashboard_rejections_daily group by reason order by 2 desc");
        }
    }

    private static void print(Statement s, String title, String sql) throws Exception {
        System.out.println();
        System.out.println(title);
        List<String[]> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData m = r.getMetaData();
            String[] header = new String[m.getColumnCount()];
            for (int i = 1; i <= header.length; i++) {
                header[i - 1] = m.getColumnLabel(i);
            }
            rows.add(header);
            while (r.next()) {
                String[] row = new String[header.length];
                for (int i = 1; i <= row.length; i++) {
                    row[i - 1] = String.valueOf(r.getString(i));
                }
                rows.add(row);
            }
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}
