package id.pahlawanpangan.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;

/** A Flink cluster reached through its REST API: {@code host:port}. */
final class JobManagerAddress {
    final String host;
    final int port;

    JobManagerAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("a JobManager address is host:port, got " + address);
        }
        this.host = address.substring(0, colon);
        this.port = Integer.parseInt(address.substring(colon + 1));
    }

    /** An environment that submits to the cluster, shipping this job jar. */
    StreamExecutionEnvironment environment(Configuration config) {
        return StreamExecutionEnvironment.createRemoteEnvironment(host, port, config, jobJar());
    }

    RestClusterClient<StandaloneClusterId> client(Configuration config) throws Exception {
        Configuration c = new Configuration(config);
        c.set(RestOptions.ADDRESS, host);
        c.set(RestOptions.PORT, port);
        return new RestClusterClient<>(c, StandaloneClusterId.getInstance());
    }

    /** The shaded jar this command runs from. */
    static String jobJar() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // picocli is relocated in the job jar alone, and this class literal with it: the tools'
            // class path holds the job's plain classes, which a cluster cannot run by themselves
            boolean shaded = CommandLine.class.getName().startsWith("id.pahlawanpangan.shaded.");
            if (!jar.toString().endsWith(".jar") || !shaded) {
                throw new IllegalStateException("submitting to a cluster needs the job jar (make build; bin/pangan run uses it),"
                        + " not the job's classes in " + jar);
            }
            return jar.toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
