package id.pahlawanpangan.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Stops the job on a cluster with a savepoint, through the REST API. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops the running matching job on a Flink cluster with a savepoint and prints its path.")
final class StopCommand implements Callable<Integer> {
    @Option(names = "--jobmanager", required = true, description = "The cluster's REST address, host:port.")
    String jobManager;

    @Option(names = "--job", description = "The job id (default: the one running job).")
    String jobId;

    @Option(names = "--savepoint-dir", description = "Where to write it (default: the cluster's execution.checkpointing.savepoint-dir).")
    String savepointDir;

    @Option(names = "--flink-conf", description = "Directory of config.yaml (default: $PANGAN_FLINK_CONF).")
    Path flinkConf;

    @Override
    public Integer call() throws Exception {
        Configuration config = FlinkConf.load(flinkConf);
        try (var client = new JobManagerAddress(jobManager).client(config)) {
            JobID job = jobId != null ? JobID.fromHexString(jobId) : runningJob(client.listJobs().get(30, TimeUnit.SECONDS));
            // Without a directory the job manager uses the cluster's, as Flink's own CLI does; this
            // command's local flink-conf names the embedded cluster's directory, not the remote one's.
            String path = client.stopWithSavepoint(job, false, savepointDir, SavepointFormatType.CANONICAL).get(5, TimeUnit.MINUTES);
            System.out.println(path);
        }
        return 0;
    }

    private static JobID runningJob(java.util.Collection<JobStatusMessage> jobs) {
        var running = jobs.stream().filter(j -> j.getJobState() == JobStatus.RUNNING).toList();
        if (running.size() != 1) {
            throw new IllegalStateException("expected one running job, found " + running.size() + ": give --job");
        }
        return running.get(0).getJobId();
    }
}
