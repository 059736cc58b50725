package io.ttg.producer.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ttg.ExitCodes;
import io.ttg.TtgException;
import io.ttg.cli.Broker;
import io.ttg.cli.Environment;
import io.ttg.queue.ChunkQueue;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ttg-producer scale}: changes how many worker pods the running Job runs at once. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {
            "Sets the parallelism of the worker Job " + WorkerJobs.JOB_NAME + " with a JSON"
                    + " merge patch; 'kubectl scale' no longer works on Jobs. When it goes down,"
                    + " the Job controller stops the extra pods with SIGTERM and they hand their"
                    + " chunks back; when it goes up, new pods start and pull chunks.",
            "",
            "Uses the current kubeconfig context, or the pod's service account inside the"
                    + " cluster. With REDIS_URL set (from outside the cluster through 'kubectl"
                    + " -n ttg port-forward svc/ttg-redis 6379:6379') it also prints the run's"
                    + " progress."
        })
public final class ScaleCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Option(names = "--workers", paramLabel = "W", required = true,
            description = "Worker pods to run at once: the Job's new parallelism, at least 1.")
    int workers;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment;
    private final Supplier<KubernetesClient> clients;

    public ScaleCommand() {
        this(Environment.system(), KubeClients::connect);
    }

    ScaleCommand(Environment environment, Supplier<KubernetesClient> clients) {
        this.environment = environment;
        this.clients = clients;
    }

    /** Returns the JSON merge patch that sets a Job's parallelism. */
    static String parallelismPatch(int parallelism) {
        return "{\"spec\":{\"parallelism\":" + parallelism + "}}";
    }

    @Override
    public Integer call() {
        if (workers < 1) {
            throw new io.ttg.UsageException("--workers must be at least 1, got " + workers
                    + "; to stop the run, delete the Job with: kubectl -n " + cluster.namespace
                    + " delete job " + WorkerJobs.JOB_NAME);
        }
        PrintWriter out = command.commandLine().getOut();
        try (KubernetesClient client = clients.get()) {
            try {
                out.println(scale(client));
            } catch (KubernetesClientException e) {
                throw KubeClients.translate(e, client.getMasterUrl(), cluster.namespace);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String scale(KubernetesClient client) {
        JobState state = JobState.of(JobState.require(client, cluster.namespace,
                "create it with: ttg-producer deploy"));
        String name = "job.batch/" + WorkerJobs.JOB_NAME;
        if (state.finished()) {
            throw new TtgException(ExitCodes.CONFLICT, name + " in namespace "
                    + cluster.namespace + " has already ended (" + state.outcome() + ", run "
                    + state.runId() + "), so no pod would start; deploy a new run instead");
        }
        if (state.parallelism() == workers) {
            return name + " unchanged: parallelism is already " + workers + progress(state);
        }
        client.batch().v1().jobs().inNamespace(cluster.namespace).withName(WorkerJobs.JOB_NAME)
                .patch(PatchContext.of(PatchType.JSON_MERGE), parallelismPatch(workers));
        String effect = workers < state.parallelism()
                ? "; the Job controller stops " + (state.parallelism() - workers) + " pods with"
                        + " SIGTERM and their chunks go back to the queue"
                : "";
        return name + " scaled in namespace " + cluster.namespace + ": parallelism "
                + state.parallelism() + " -> " + workers + " (run " + state.runId() + ")"
                + effect + progress(state);
    }

    /** Returns the run's progress when REDIS_URL is set, else nothing. */
    private String progress(JobState state) {
        if (!Broker.configured(environment) || state.runId() == null) {
            return "";
        }
        try (ChunkQueue queue = Broker.openRedis(environment)) {
            return queue.status(state.runId())
                    .map(status -> "\nqueue: " + RunProgress.line(status))
                    .orElse("\nqueue: run " + state.runId() + " not found on "
                            + Broker.describe(environment) + "; check REDIS_URL");
        }
    }
}
