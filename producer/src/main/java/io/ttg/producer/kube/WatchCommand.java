package io.ttg.producer.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ttg.ExitCodes;
import io.ttg.TtgException;
import io.ttg.UsageException;
import io.ttg.cli.Broker;
import io.ttg.cli.Environment;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RunStatus;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ttg-producer watch}: shows the worker pods and the queue's progress until the run ends,
 * then states whether the Job's end matches the queue.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {
            "Prints the worker Job, its pods by phase and node, and the run's queue progress"
                    + " every --interval seconds until the Job ends. Then it states whether the"
                    + " Job's end matches the queue: exit 0 when the Job is Complete and every"
                    + " chunk done, 6 when chunks failed, 1 when the Job failed or its end does"
                    + " not match the queue.",
            "",
            "Uses the current kubeconfig context, or the pod's service account inside the"
                    + " cluster. REDIS_URL must reach the cluster's Redis: from outside, run"
                    + " 'kubectl -n ttg port-forward svc/ttg-redis 6379:6379' and set"
                    + " REDIS_URL=redis://:PASSWORD@127.0.0.1:6379."
        })
public final class WatchCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--interval", paramLabel = "S",
            description = "Seconds between two snapshots. Default: 2.")
    double intervalSeconds = 2;

    @Option(names = "--settle-seconds", paramLabel = "S",
            description = "Seconds the Job may take to end once the run has finished and no"
                    + " pod is active; after that watch reports a mismatch. Default: 60.")
    double settleSeconds = 60;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment;
    private final Supplier<KubernetesClient> clients;

    public WatchCommand() {
        this(Environment.system(), KubeClients::connect);
    }

    WatchCommand(Environment environment, Supplier<KubernetesClient> clients) {
        this.environment = environment;
        this.clients = clients;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!(intervalSeconds >= 0.1)) {
            throw new UsageException("--interval must be at least 0.1 seconds, got "
                    + intervalSeconds);
        }
        if (!(settleSeconds >= 0)) {
            throw new UsageException("--settle-seconds must be at least 0, got "
                    + settleSeconds);
        }
        if (!Broker.configured(environment)) {
            throw new UsageException("watch needs REDIS_URL to read the run's progress; from"
                    + " outside the cluster run 'kubectl -n " + cluster.namespace
                    + " port-forward svc/" + WorkerJobs.REDIS_SERVICE + " 6379:6379' and set"
                    + " REDIS_URL=redis://:PASSWORD@127.0.0.1:6379");
        }
        try (KubernetesClient client = clients.get();
                ChunkQueue queue = Broker.openRedis(environment)) {
            try {
                return watch(client, queue);
            } catch (KubernetesClientException e) {
                throw KubeClients.translate(e, client.getMasterUrl(), cluster.namespace);
            }
        }
    }

    private int watch(KubernetesClient client, ChunkQueue queue) throws InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        long settledSince = 0;
        while (true) {
            JobState job = JobState.of(JobState.require(client, cluster.namespace,
                    "create it with: ttg-producer deploy"));
            if (job.runId() == null) {
                throw new TtgException(ExitCodes.FAILURE, "job.batch/" + WorkerJobs.JOB_NAME
                        + " has no " + WorkerJobs.LABEL_INSTANCE + " label, so its run is"
                        + " unknown; deploy it with ttg-producer deploy");
            }
            List<Pod> pods = WorkerPods.list(client, cluster.namespace, job.runId());
            RunStatus run = queue.status(job.runId()).orElse(null);
            out.println(snapshot(job, pods, run));
            out.flush();
            boolean quiet = run != null && run.state().isFinished()
                    && WorkerPods.alive(pods) == 0 && job.active() == 0;
            if (!quiet) {
                settledSince = 0;
            } else if (settledSince == 0) {
                settledSince = System.nanoTime();
            }
            boolean gaveUp = quiet
                    && System.nanoTime() - settledSince >= Math.round(settleSeconds * 1e9);
            if (job.finished() || gaveUp) {
                RunVerdict verdict = RunVerdict.judge(job, job.runId(), run);
                out.println(verdict.message());
                out.flush();
                return verdict.exitCode();
            }
            Thread.sleep(Math.round(intervalSeconds * 1000));
        }
    }

    private String snapshot(JobState job, List<Pod> pods, RunStatus run) {
        String queue = run == null ? "run " + job.runId() + " not found on "
                + Broker.describe(environment) : RunProgress.line(run);
        return LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " job.batch/"
                + WorkerJobs.JOB_NAME + " run " + job.runId() + ": " + job.counts()
                + (job.finished() ? ", " + job.outcome() : "") + "\n"
                + "  pods   " + WorkerPods.describe(pods) + "\n"
                + "  queue  " + queue;
    }
}
