package id.pahlawanpangan.cli;

import id.pahlawanpangan.live.LiveOptions;
import id.pahlawanpangan.live.PanganStreams;
import id.pahlawanpangan.live.StreamLimits;
import id.pahlawanpangan.live.Subjects;
import id.pahlawanpangan.pipeline.MatchingOptions;
import io.nats.client.Connection;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.MemorySize;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
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

    @Option(names = "--input-stream-max-bytes", converter = MemorySizeConverter.class,
            description = "Each input stream's byte limit, reserved in the server's store (default: 1g).")
    MemorySize inputStreamMaxBytes = LiveOptions.INPUT_STREAM_MAX_BYTES.defaultValue();

    @Option(names = "--output-stream-max-bytes", converter = MemorySizeConverter.class,
            description = "The output stream's byte limit, reserved in the server's store (default: 2g).")
    MemorySize outputStreamMaxBytes = LiveOptions.OUTPUT_STREAM_MAX_BYTES.defaultValue();

    /** Sizes as Flink writes them (512m, 2g). */
    static final class MemorySizeConverter implements ITypeConverter<MemorySize> {
        @Override
        public MemorySize convert(String value) {
            return MemorySize.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Connection nats = services.nats().connect("pangan-streams")) {
            PanganStreams.ensureAll(nats, new Subjects(namespace), new StreamLimits(maxPayloadBytes, inputStreamMaxBytes.getBytes(), outputStreamMaxBytes.getBytes())).forEach(line -> System.out.println("streams: " + line));
        }
        return 0;
    }
}
