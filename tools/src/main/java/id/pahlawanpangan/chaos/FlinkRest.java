package id.pahlawanpangan.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The job as the cluster's REST API reports it. Any JobManager's REST answers for the leader
 * (a standby forwards), so the first that answers is asked; while neither does (an election),
 * the job is reported as not running.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Integer> ports;

    /** The latest completed checkpoint: its id, full and incremental sizes in bytes, and how long it took. */
    public record Checkpoint(long id, long stateSize, long checkpointedSize, long durationMs, long completed) {}

    /** A cluster of two JobManagers, the second's REST on the next port (the chaos cluster). */
    public FlinkRest(int restPort) {
        this(List.of(restPort, restPort + 1));
    }

    private FlinkRest(List<Integer> ports) {
        this.ports = ports;
    }

    /** A cluster with one REST endpoint, such as the embedded cluster of {@code bin/pangan run}. */
    public static FlinkRest at(int restPort) {
        return new FlinkRest(List.of(restPort));
    }

    private JsonNode get(String path) {
        for (int port : ports) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return JSON.readTree(r.body());
                }
            } catch (Exception e) {
                // this one is down or stalled: ask the other
            }
        }
        return null;
    }

    /** The id of the job that is not finished (there is one in a chaos run), or null. */
    public String jobId() {
        JsonNode overview = get("/jobs/overview");
        if (overview == null) {
            return null;
        }
        for (JsonNode job : overview.path("jobs")) {
            String state = job.path("state").asText();
            if (!List.of("FINISHED", "CANCELED", "FAILED").contains(state)) {
                return job.path("jid").asText();
            }
        }
        return null;
    }

    /** Whether the job runs with every task running. */
    boolean allRunning(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (job == null || !"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Checkpoints completed since the job (re)started from its HA store; -1 when unknown. */
    long completedCheckpoints(String jobId) {
        JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
        return checkpoints == null ? -1 : checkpoints.path("counts").path("completed").asLong(-1);
    }

    /**
     * The latest completed checkpoint, or null when none has completed or the REST API does not
     * answer. {@code state_size} is the whole state the checkpoint refers to (with incremental
     * RocksDB checkpoints, files of earlier checkpoints too); {@code checkpointed_size} what this
     * one uploaded.
     */
    public Checkpoint latestCheckpoint(String jobId) {
        JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
        if (checkpoints == null) {
            return null;
        }
        JsonNode latest = checkpoints.path("latest").path("completed");
        if (!latest.isObject()) {
            return null;
        }
        return new Checkpoint(latest.path("id").asLong(-1), latest.path("state_size").asLong(-1),
                latest.path("checkpointed_size").asLong(-1), latest.path("end_to_end_duration").asLong(-1),
                checkpoints.path("counts").path("completed").asLong(-1));
    }

    /** When the latest completed checkpoint was triggered (epoch ms), -1 when none or unknown. */
    long latestCheckpointAt(String jobId) {
        JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
        return checkpoints == null ? -1 : checkpoints.path("latest").path("completed").path("trigger_timestamp").asLong(-1);
    }

    /**
     * The least event time any operator has reached: the smallest current input watermark over
     * every subtask of every vertex that has one (sources have none); -1 when unknown.
     */
    public long minInputWatermark(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (job == null) {
            return -1;
        }
        long min = Long.MAX_VALUE;
        for (JsonNode vertex : job.path("vertices")) {
            JsonNode watermarks = get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/watermarks");
            if (watermarks == null) {
                return -1;
            }
            for (JsonNode w : watermarks) {
                long value = w.path("value").asLong(Long.MIN_VALUE);
                if (value > 0) {
                    min = Math.min(min, value);
                }
            }
        }
        return min == Long.MAX_VALUE ? -1 : min;
    }
}
