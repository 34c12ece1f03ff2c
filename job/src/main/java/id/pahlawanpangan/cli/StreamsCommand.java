package id.pahlawanpangan.cli;

import id.pahlawanpangan.live.PanganStreams;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.pipeline.MatchingOptions;
import io.nats.client.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the JetStream streams, or brings them to the project's configuration. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Creates or updates the JetStream streams (inputs and output) with the project's configuration.")
final class StreamsCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--namespace", defaultValue = Subjects.DEFAULT_NAMESPACE, description = "Subject root and stream prefix (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--max-payload-bytes", description = "The job's input.max-payload-bytes: input messages may be 4 times as large (default: ${DEFAULT-VALUE}).")
    int maxPayloadBytes = MatchingOptions.MAX_PAYLOAD_BYTES.defaultValue();

    @Override
    public Integer call() throws Exception {
        try (Connection nats = services.nats().connect("pangan-streams")) {
            PanganStreams.ensureAll(nats, new Subjects(namespace), maxPayloadBytes).forEach(line -> System.out.println("streams: " + line));
        }
        return 0;
    }
}
