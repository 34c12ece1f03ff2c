package id.pahlawanpangan.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.pahlawanpangan.events.SourceStream;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streams' limits on the machine's nats-server, as a flooding app meets them: its own
 * subject fills up and refuses it more, while everyone else's messages are taken, and nothing
 * already accepted is dropped.
 */
class StreamLimitsITCase {
    private final Subjects subjects = new Subjects("lim" + Long.toString(System.nanoTime(), 36));
    private Connection nats;

    @BeforeEach
    void createTheStreams() throws Exception {
        nats = LiveFixture.NATS.connect("stream-limits-itcase");
        PanganStreams.ensureAll(nats, subjects, LiveFixture.TEST_STREAM_LIMITS);
    }

    @AfterEach
    void removeTheStreams() throws Exception {
        JetStreamManagement jsm = nats.jetStreamManagement();
        for (StreamConfiguration s : PanganStreams.all(subjects, LiveFixture.TEST_STREAM_LIMITS)) {
            jsm.deleteStream(s.getName());
        }
        nats.close();
    }

    @Test
    void theStreamsAreCreatedWithTheirLimits() throws Exception {
        StreamConfiguration offers = nats.jetStreamManagement().getStreamInfo(subjects.inputStream(SourceStream.OFFERS)).getConfiguration();
        assertThat(offers.getMaxMsgSize()).isEqualTo(4 * 16 * 1024);
        assertThat(offers.getMaxMsgsPerSubject()).isEqualTo(PanganStreams.MESSAGES_PER_PUBLISHER);
        assertThat(offers.isDiscardNewPerSubject()).as("the server keeps discard-new-per-subject").isTrue();
        assertThat(offers.getMaxBytes()).isEqualTo(LiveFixture.TEST_STREAM_LIMITS.inputStreamBytes());
        StreamConfiguration output = nats.jetStreamManagement().getStreamInfo(subjects.outputStream()).getConfiguration();
        assertThat(output.getMaxBytes()).isEqualTo(LiveFixture.TEST_STREAM_LIMITS.outputStreamBytes());
        assertThat(output.getDiscardPolicy()).as("the job's publishes are never refused").isEqualTo(DiscardPolicy.Old);
    }

    /** JetStream reserves a stream's byte limit in its store: limits that do not fit are refused, and the operator told which settings. */
    @Test
    void limitsTheServerCannotReserveAreRefusedWithTheSettingsToChange() {
        Subjects huge = new Subjects("lim" + Long.toString(System.nanoTime(), 36));
        assertThatThrownBy(() -> PanganStreams.ensureAll(nats, huge, new StreamLimits(16 * 1024, 1L << 50, 1L << 50)))
                .hasMessageContaining("cannot reserve").hasMessageContaining("nats.input-stream-max-bytes");
    }

    @Test
    void aFloodingProviderFillsItsOwnQuotaAndNobodyElses() throws Exception {
        JetStream js = nats.jetStream();
        String flooder = subjects.input(SourceStream.OFFERS, "prov-flood");
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (long i = 0; i < PanganStreams.MESSAGES_PER_PUBLISHER; i++) {
            acks.add(js.publishAsync(flooder, ("{\"flood\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get();

        assertThatThrownBy(() -> js.publish(flooder, "{\"one more\":1}".getBytes(StandardCharsets.UTF_8)))
                .as("its quota is full").isInstanceOf(JetStreamApiException.class);
        PublishAck other = js.publish(subjects.input(SourceStream.OFFERS, "prov-honest"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(other.getSeqno()).as("another provider's offer is taken").isEqualTo(PanganStreams.MESSAGES_PER_PUBLISHER + 1);
        long first = nats.jetStreamManagement().getStreamInfo(subjects.inputStream(SourceStream.OFFERS)).getStreamState().getFirstSequence();
        assertThat(first).as("nothing accepted was dropped").isEqualTo(1);
    }

    @Test
    void aMessageOverTheStreamsLimitIsRefusedToItsPublisher() {
        byte[] large = new byte[4 * 16 * 1024 + 1];
        Arrays.fill(large, (byte) 'x');
        assertThatThrownBy(() -> nats.jetStream().publish(subjects.input(SourceStream.CLAIMS, "ngo-a"), large))
                .isInstanceOf(JetStreamApiException.class).hasMessageContaining("maximum");
    }
}
