package id.pahlawanpangan.cli;

import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.live.InputExport;
import id.pahlawanpangan.live.Subjects;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The input streams' messages of a time range, as a replay file that decides as the live job did. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the input messages the JetStream server received in [--from, --to) as a replay file:"
                + " each line a message with its stream, stream sequence, subject, publisher and receive time, so that"
                + " `pangan replay --input FILE` decides as the live job did (ids included) for the inputs in the range.",
                "Inputs received before --from are not in it: claims on earlier offers replay as unknown_offer."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;

    @Option(names = "--namespace", defaultValue = Subjects.DEFAULT_NAMESPACE, description = "Subject root and stream prefix (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--from", required = true, converter = TimeConverter.class,
            description = "Receive time from which messages are written, ISO-8601 UTC (2026-11-25T00:00:00Z).")
    long from;

    @Option(names = "--to", converter = TimeConverter.class,
            description = "Receive time before which messages are written (default: now).")
    Long to;

    @Option(names = "--output", required = true, description = "The replay file to write.")
    Path output;

    /** Contract times: ISO-8601 UTC, milliseconds allowed. */
    static final class TimeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Times.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        long until = to != null ? to : System.currentTimeMillis();
        Map<SourceStream, InputExport.StreamRange> ranges;
        try (Connection nats = services.nats().connect("pangan-export")) {
            ranges = new InputExport(nats, new Subjects(namespace)).write(from, until, output);
        }
        int total = 0;
        for (InputExport.StreamRange r : ranges.values()) {
            System.out.printf("export: %-16s %8d messages%s%n", r.stream(), r.messages(),
                    r.messages() == 0 ? "" : String.format(" (stream sequences %d to %d)", r.firstSeq(), r.lastSeq()));
            total += r.messages();
        }
        System.out.printf("export: %d messages received in [%s, %s) written to %s%n", total, Times.format(from), Times.format(until), output);
        return 0;
    }
}
