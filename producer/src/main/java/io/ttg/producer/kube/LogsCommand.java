package io.ttg.producer.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.ttg.ExitCodes;
import io.ttg.UsageException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ttg-producer logs}: prints the logs of a run's worker pods. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {
            "Prints the logs of the worker pods of the Job's run, or of --run, one pod after"
                    + " the other under a '==> pod/NAME <==' header. To follow them live use"
                    + " 'kubectl -n ttg logs -f -l app.kubernetes.io/component=worker"
                    + " --prefix --max-log-requests 200' (kubectl follows at most 5 pods by"
                    + " default).",
            "",
            "Uses the current kubeconfig context, or the pod's service account inside the"
                    + " cluster."
        })
public final class LogsCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--run", paramLabel = "ID",
            description = "Run whose worker pods to read. Default: the run of the Job "
                    + WorkerJobs.JOB_NAME + ".")
    String run;

    @Option(names = "--tail", paramLabel = "LINES",
            description = "Print only the last LINES lines of each pod. Default: all.")
    Integer tail;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Supplier<KubernetesClient> clients;

    public LogsCommand() {
        this(KubeClients::connect);
    }

    LogsCommand(Supplier<KubernetesClient> clients) {
        this.clients = clients;
    }

    @Override
    public Integer call() {
        if (tail != null && tail < 0) {
            throw new UsageException("--tail must be at least 0, got " + tail);
        }
        PrintWriter out = command.commandLine().getOut();
        try (KubernetesClient client = clients.get()) {
            try {
                String runId = run != null ? run : jobRun(client);
                List<Pod> pods = WorkerPods.list(client, cluster.namespace, runId);
                if (pods.isEmpty()) {
                    out.println("No worker pods of run " + runId + " in namespace "
                            + cluster.namespace + ".");
                }
                for (Pod pod : pods) {
                    print(client, pod, out);
                }
            } catch (KubernetesClientException e) {
                throw KubeClients.translate(e, client.getMasterUrl(), cluster.namespace);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String jobRun(KubernetesClient client) {
        Job job = JobState.require(client, cluster.namespace,
                "pass --run to read the pods of an earlier run");
        String runId = JobState.of(job).runId();
        if (runId == null) {
            throw new UsageException("job.batch/" + WorkerJobs.JOB_NAME + " has no "
                    + WorkerJobs.LABEL_INSTANCE + " label; pass --run");
        }
        return runId;
    }

    private void print(KubernetesClient client, Pod pod, PrintWriter out) {
        String name = pod.getMetadata().getName();
        String node = pod.getSpec() == null || pod.getSpec().getNodeName() == null
                ? "no node" : pod.getSpec().getNodeName();
        out.println("==> pod/" + name + " (" + WorkerPods.phase(pod) + " on " + node + ") <==");
        // A ready-wait of 0 reads a pending pod's log at once instead of waiting for it to start.
        ContainerResource container = client.pods().inNamespace(cluster.namespace)
                .withName(name).inContainer(WorkerJobs.CONTAINER).withReadyWaitTimeout(0);
        try {
            String log = tail == null ? container.getLog() : container.tailingLines(tail).getLog();
            out.print(log == null ? "" : log);
            if (log != null && !log.isEmpty() && !log.endsWith("\n")) {
                out.println();
            }
        } catch (KubernetesClientException e) {
            out.println("(no log: " + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage()) + ")");
        }
    }
}
