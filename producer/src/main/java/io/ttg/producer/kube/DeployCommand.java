package io.ttg.producer.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ttg.ExitCodes;
import io.ttg.TtgException;
import io.ttg.UsageException;
import io.ttg.cli.Broker;
import io.ttg.cli.Durations;
import io.ttg.cli.Environment;
import io.ttg.producer.RunIdOption;
import io.ttg.producer.SpecOptions;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.EnqueueResult;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunStatus;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ttg-producer deploy}: enqueues a run and creates or updates its ConfigMap and worker
 * Job. It checks everything it can before it writes anything, and it rejects replacing a Job
 * whose run is still going unless {@code --replace} is given.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {
            "Enqueues a run on Redis and creates or updates the ConfigMap "
                    + WorkerJobs.CONFIG_MAP + " and the worker Job " + WorkerJobs.JOB_NAME
                    + " for it, printing each object it changes. A Job still working on another"
                    + " run is replaced only with --replace. Without --run the run id is"
                    + " ttg-YYYYMMDD-HHMMSS.",
            "",
            "Uses the current kubeconfig context, or the pod's service account inside the"
                    + " cluster. REDIS_URL must reach the cluster's Redis: from outside, run"
                    + " 'kubectl -n ttg port-forward svc/ttg-redis 6379:6379' and set"
                    + " REDIS_URL=redis://:PASSWORD@127.0.0.1:6379, with the password from"
                    + " 'kubectl -n ttg get secret ttg-redis -o jsonpath={.data.password}"
                    + " | base64 -d'."
        })
public final class DeployCommand implements Callable<Integer> {
    private static final Duration DELETE_WAIT = Duration.ofSeconds(60);

    @Mixin
    RunIdOption runId;

    @Mixin
    SpecOptions specOptions;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--workers", paramLabel = "W",
            description = "Worker pods running at once: the Job's parallelism."
                    + " Env: TOTAL_WORKERS. Required unless --milestone sets it.")
    String workers;

    @Option(names = "--milestone", paramLabel = "K",
            description = "Take workers, parameters and resources from milestone K: 1 = 3"
                    + " workers, 10,000 parameters; 2 = 10, 100,000; 3 = 10, 1,000,000; 4 = 100,"
                    + " 10,000,000. Explicit flags override its values.")
    Integer milestone;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Worker image. Default: " + WorkerJobs.IMAGE + ".")
    String image = WorkerJobs.IMAGE;

    @Option(names = "--cpu-request", paramLabel = "CPU",
            description = "CPU request per worker, e.g. 500m. Default: the milestone's, else"
                    + " milestone 1's (100m).")
    String cpuRequest;

    @Option(names = "--cpu-limit", paramLabel = "CPU",
            description = "CPU limit per worker; the JVM sizes its thread count to it."
                    + " Default: the milestone's, else 500m.")
    String cpuLimit;

    @Option(names = "--memory-request", paramLabel = "MEM",
            description = "Memory request per worker, e.g. 512Mi. Default: the milestone's,"
                    + " else 128Mi.")
    String memoryRequest;

    @Option(names = "--memory-limit", paramLabel = "MEM",
            description = "Memory limit per worker; the pod is killed above it. Default: the"
                    + " milestone's, else 256Mi.")
    String memoryLimit;

    @Option(names = "--replace",
            description = "Delete and re-create the Job even if it is still working on a run;"
                    + " its pods hand their chunks back when they stop.")
    boolean replace;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment;
    private final Supplier<KubernetesClient> clients;

    public DeployCommand() {
        this(Environment.system(), KubeClients::connect);
    }

    DeployCommand(Environment environment, Supplier<KubernetesClient> clients) {
        this.environment = environment;
        this.clients = clients;
    }

    /** The change that deploy makes to the worker Job. */
    private enum JobAction { CREATE, UPDATE, REPLACE }

    @Override
    public Integer call() {
        JobPlan plan = plan();
        if (!Broker.configured(environment)) {
            throw new UsageException("deploy needs REDIS_URL to enqueue the run on the"
                    + " cluster's Redis; from outside the cluster run 'kubectl -n "
                    + plan.namespace() + " port-forward svc/" + WorkerJobs.REDIS_SERVICE + " "
                    + WorkerJobs.REDIS_PORT + ":" + WorkerJobs.REDIS_PORT + "' and set"
                    + " REDIS_URL=redis://:PASSWORD@127.0.0.1:" + WorkerJobs.REDIS_PORT);
        }
        PrintWriter out = command.commandLine().getOut();
        try (KubernetesClient client = clients.get();
                ChunkQueue queue = Broker.openRedis(environment)) {
            try {
                deploy(client, queue, plan, out);
            } catch (KubernetesClientException e) {
                throw KubeClients.translate(e, client.getMasterUrl(), plan.namespace());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private JobPlan plan() {
        Milestone preset = milestone == null ? null : Milestone.of(milestone);
        if (preset != null) {
            specOptions.presetParams(preset.parameters());
        }
        String id = runId.orDefault(environment, "ttg-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunSpec spec = specOptions.toSpec(environment, id, System.currentTimeMillis());
        String workerText = workers != null || preset == null ? workers
                : Integer.toString(preset.workers());
        int workerCount = environment.intValue(workerText, "--workers", "TOTAL_WORKERS", -1, 1);
        if (workerCount < 0) {
            throw new UsageException("--workers is required: the worker pods to run at once,"
                    + " e.g. --workers 3 (or set TOTAL_WORKERS, or pass --milestone)");
        }
        WorkerResources base = preset == null ? Milestone.M1.resources() : preset.resources();
        WorkerResources resources = base.override(cpuRequest, cpuLimit, memoryRequest,
                memoryLimit);
        return new JobPlan(cluster.namespace, spec, workerCount, resources, image);
    }

    private void deploy(KubernetesClient client, ChunkQueue queue, JobPlan plan,
            PrintWriter out) {
        Resource<Job> jobResource = client.batch().v1().jobs().inNamespace(plan.namespace())
                .withName(WorkerJobs.JOB_NAME);
        Job existing = jobResource.get();
        String oldRun = existing == null ? null : runOf(client, existing, plan.namespace());
        JobAction action = decide(client, queue, plan, existing, oldRun);

        out.println(enqueue(queue, plan.spec()));
        if (action == JobAction.REPLACE) {
            delete(jobResource, plan.namespace());
            out.println("job.batch/" + WorkerJobs.JOB_NAME + " deleted in namespace "
                    + plan.namespace() + " (run " + oldRun + ")");
        }
        out.println(applyConfigMap(client, plan));
        if (action == JobAction.UPDATE) {
            out.println(updateParallelism(jobResource, existing, plan));
        } else {
            client.batch().v1().jobs().inNamespace(plan.namespace())
                    .resource(WorkerJobs.job(plan)).create();
            out.println("job.batch/" + WorkerJobs.JOB_NAME + " created in namespace "
                    + plan.namespace() + ": " + describe(plan));
        }
        out.println("Follow it with: ttg-producer watch --namespace " + plan.namespace());
    }

    /**
     * Returns what to do with the existing Job.
     *
     * @throws TtgException with exit code 5 if the Job must be replaced while its run is still
     *     going and --replace was not given
     */
    private JobAction decide(KubernetesClient client, ChunkQueue queue, JobPlan plan,
            Job existing, String oldRun) {
        if (existing == null) {
            return JobAction.CREATE;
        }
        Job requested = WorkerJobs.job(plan);
        boolean sameRun = plan.spec().runId().equals(oldRun);
        if (sameRun && sameTemplate(existing, requested)) {
            return JobAction.UPDATE;
        }
        String going = stillGoing(client, queue, plan.namespace(), existing, oldRun);
        if (going != null && !replace) {
            String reason = sameRun ? "its pod template (image or resources) differs, and"
                    + " Kubernetes cannot change the pod template of a Job in place"
                    : "deploying run " + plan.spec().runId() + " replaces it";
            throw new TtgException(ExitCodes.CONFLICT, "job.batch/" + WorkerJobs.JOB_NAME
                    + " in namespace " + plan.namespace() + " is still working on run " + oldRun
                    + " (" + going + ") and " + reason + "; wait until it ends (ttg-producer"
                    + " watch), or pass --replace to delete it now: its workers hand their"
                    + " chunks back and run " + oldRun + " stays on Redis");
        }
        return JobAction.REPLACE;
    }

    /** Returns why the Job's run is still going, or null if it is not. */
    private static String stillGoing(KubernetesClient client, ChunkQueue queue,
            String namespace, Job job, String runId) {
        JobState state = JobState.of(job);
        List<Pod> pods = runId == null ? List.of() : WorkerPods.list(client, namespace, runId);
        long alive = Math.max(state.active(), WorkerPods.alive(pods));
        if (alive > 0) {
            return alive + " worker pods active";
        }
        Optional<RunStatus> status = runId == null ? Optional.empty() : queue.status(runId);
        if (status.isPresent() && !status.get().state().isFinished()) {
            RunStatus run = status.get();
            return "the run is " + run.state() + " with " + (run.pending() + run.leased())
                    + " chunks pending or leased";
        }
        if (runId == null && !state.finished()) {
            return "the Job has not finished and names no run";
        }
        return null;
    }

    /** Returns the run of a Job from its instance label, else from the ConfigMap's RUN_ID. */
    private static String runOf(KubernetesClient client, Job job, String namespace) {
        String label = JobState.of(job).runId();
        if (label != null) {
            return label;
        }
        ConfigMap config = client.configMaps().inNamespace(namespace)
                .withName(WorkerJobs.CONFIG_MAP).get();
        return config == null || config.getData() == null ? null
                : config.getData().get("RUN_ID");
    }

    /** Returns whether two Jobs' worker containers have the same image, command and resources. */
    static boolean sameTemplate(Job current, Job requested) {
        Container a = current.getSpec().getTemplate().getSpec().getContainers().get(0);
        Container b = requested.getSpec().getTemplate().getSpec().getContainers().get(0);
        return Objects.equals(a.getImage(), b.getImage())
                && Objects.equals(a.getCommand(), b.getCommand())
                && amounts(a.getResources().getRequests()).equals(
                        amounts(b.getResources().getRequests()))
                && amounts(a.getResources().getLimits()).equals(
                        amounts(b.getResources().getLimits()));
    }

    /** Returns quantities as plain numbers, so that {@code 1} and {@code 1000m} compare equal. */
    private static Map<String, BigDecimal> amounts(Map<String, Quantity> quantities) {
        Map<String, BigDecimal> result = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((name, quantity) -> result.put(name,
                    Quantity.getAmountInBytes(quantity).stripTrailingZeros()));
        }
        return result;
    }

    private String enqueue(ChunkQueue queue, RunSpec spec) {
        String work = spec.computation() + " over " + Durations.count(spec.totalParameters())
                + " parameters as " + Durations.count(spec.chunkCount()) + " chunks of "
                + Durations.count(spec.chunkSize());
        EnqueueResult result = queue.enqueue(spec);
        String where = " on " + Broker.describe(environment);
        if (result.created()) {
            return "run " + spec.runId() + " enqueued" + where + ": " + work;
        }
        RunStatus status = queue.status(spec.runId()).orElse(null);
        String state = status == null ? "" : ", " + status.state() + " with "
                + Durations.count(status.parametersDone()) + " parameters done";
        if (result.chunksPushed() > 0) {
            return "run " + spec.runId() + " already existed" + where + " with the same spec"
                    + state + "; pushed the " + Durations.count(result.chunksPushed())
                    + " chunks an earlier enqueue had not pushed";
        }
        return "run " + spec.runId() + " unchanged" + where + ": the same spec" + state;
    }

    private static String applyConfigMap(KubernetesClient client, JobPlan plan) {
        ConfigMap requested = WorkerJobs.configMap(plan);
        String name = "configmap/" + WorkerJobs.CONFIG_MAP;
        String where = " in namespace " + plan.namespace() + ": " + requested.getData();
        var resource = client.configMaps().inNamespace(plan.namespace()).resource(requested);
        ConfigMap current = client.configMaps().inNamespace(plan.namespace())
                .withName(WorkerJobs.CONFIG_MAP).get();
        if (current == null) {
            resource.create();
            return name + " created" + where;
        }
        if (requested.getData().equals(current.getData()) && requested.getMetadata().getLabels()
                .equals(current.getMetadata().getLabels())) {
            return name + " unchanged" + where;
        }
        resource.update();
        return name + " configured" + where;
    }

    private static String updateParallelism(Resource<Job> jobResource, Job existing,
            JobPlan plan) {
        JobState state = JobState.of(existing);
        String name = "job.batch/" + WorkerJobs.JOB_NAME;
        if (state.parallelism() == plan.workers()) {
            return name + " unchanged in namespace " + plan.namespace() + ": run "
                    + plan.spec().runId() + ", " + state.counts()
                    + (state.finished() ? ", " + state.outcome() : "");
        }
        jobResource.patch(PatchContext.of(PatchType.JSON_MERGE),
                ScaleCommand.parallelismPatch(plan.workers()));
        return name + " configured in namespace " + plan.namespace() + ": parallelism "
                + state.parallelism() + " -> " + plan.workers();
    }

    private static void delete(Resource<Job> jobResource, String namespace) {
        jobResource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        long deadline = System.nanoTime() + DELETE_WAIT.toNanos();
        while (jobResource.get() != null) {
            if (System.nanoTime() > deadline) {
                throw new TtgException(ExitCodes.FAILURE, "job.batch/" + WorkerJobs.JOB_NAME
                        + " in namespace " + namespace + " is still there "
                        + DELETE_WAIT.toSeconds() + " s after it was deleted; check its"
                        + " finalizers with kubectl, then run deploy again");
            }
            sleep(500);
        }
    }

    private static String describe(JobPlan plan) {
        WorkerResources resources = plan.resources();
        return "run " + plan.spec().runId() + ", parallelism " + plan.workers()
                + ", backoffLimit " + WorkerJobs.backoffLimit(plan.workers()) + ", image "
                + plan.image() + ", cpu " + resources.cpuRequest() + " request / "
                + resources.cpuLimit() + " limit, memory " + resources.memoryRequest()
                + " request / " + resources.memoryLimit() + " limit";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TtgException(ExitCodes.FAILURE, "interrupted while waiting for the old"
                    + " Job to be deleted");
        }
    }
}
