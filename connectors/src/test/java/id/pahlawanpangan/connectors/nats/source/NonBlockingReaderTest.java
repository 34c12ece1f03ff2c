package id.pahlawanpangan.connectors.nats.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.connectors.nats.NatsConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A NATS server that accepts connections and never answers (a hung server, a black-holed
 * network): connecting to it waits out the connection timeout, 5 s. The task thread must not
 * wait with it: every call Flink makes on the task thread returns at once, and a checkpoint taken
 * meanwhile holds the split where it was handed over.
 */
class NonBlockingReaderTest {
    /** Far below the connection timeout: the calls cannot have waited for a connection. */
    private static final Duration AT_ONCE = Duration.ofMillis(1_000);

    private ServerSocket silentServer;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listenWithoutAnswering() throws IOException {
        silentServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!silentServer.isClosed()) {
                try {
                    accepted.add(silentServer.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-nats-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopListening() throws IOException {
        silentServer.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void aServerThatDoesNotAnswerNeverHoldsUpTheTaskThread() throws Exception {
        GuardedJetStreamSource<String, ?> source = GuardedJetStreamSource.<String>builder()
                .stream("SILENT", "silent.>")
                .records(new SubjectAndText())
                .connectWith(NatsConnection.to("nats://127.0.0.1:" + silentServer.getLocalPort()), "non-blocking-reader-test")
                .stallAfter(Duration.ofSeconds(10))
                .progressInterval(Duration.ofMillis(50))
                .build();
        callAsTheTaskThread(source);
    }

    @Test
    void aSetupThatFailsFailsTheReaderAtItsNextPoll() throws Exception {
        int closedPort;
        try (ServerSocket nothing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = nothing.getLocalPort();
        }
        GuardedJetStreamSource<String, ?> source = GuardedJetStreamSource.<String>builder()
                .stream("NOWHERE", "nowhere.>")
                .records(new SubjectAndText())
                .connectWith(NatsConnection.to("nats://127.0.0.1:" + closedPort), "non-blocking-reader-test")
                .stallAfter(Duration.ofSeconds(10))
                .progressInterval(Duration.ofMillis(50))
                .build();
        failAsTheTaskThreadSees(source);
    }

    private <S extends SourceSplit> void failAsTheTaskThreadSees(GuardedJetStreamSource<String, S> source) throws Exception {
        try (SourceReader<String, S> reader = source.createReader(new TestReaderContext())) {
            reader.start();
            reader.addSplits(List.of(Splits.first(source)));
            // the task thread waits on the availability future, which completes when the setup ends, failed or not
            reader.isAvailable().get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> reader.pollNext(new CollectingOutput<>()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("could not be set up");
        }
    }

    private <S extends SourceSplit> void callAsTheTaskThread(GuardedJetStreamSource<String, S> source) throws Exception {
        S split = Splits.first(source);
        SourceReader<String, S> reader = source.createReader(new TestReaderContext());
        try {
            long began = System.nanoTime();
            reader.start();
            reader.addSplits(List.of(split));
            InputStatus status = reader.pollNext(new CollectingOutput<>());
            boolean available = reader.isAvailable().isDone();
            List<S> checkpoint = reader.snapshotState(1);
            reader.notifyCheckpointComplete(1);
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            assertThat(took).as("start, addSplits, pollNext, isAvailable, snapshotState, notifyCheckpointComplete").isLessThan(AT_ONCE);
            assertThat(status).isEqualTo(InputStatus.NOTHING_AVAILABLE);
            assertThat(available).as("available only once connected").isFalse();
            assertThat(checkpoint).as("the split, where it was handed over").hasSize(1);
            assertThat(checkpoint.get(0).splitId()).isEqualTo(split.splitId());
            assertThat(source.getSplitSerializer().serialize(checkpoint.get(0))).isEqualTo(source.getSplitSerializer().serialize(split));
        } finally {
            reader.close();
        }
    }
}
