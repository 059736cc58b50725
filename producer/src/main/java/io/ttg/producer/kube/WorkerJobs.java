package io.ttg.producer.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.ttg.ExitCodes;
import io.ttg.compute.SimulateComputation;
import io.ttg.queue.RunSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ConfigMap and the worker Job of a run. The names, labels and settings here are the
 * ones the YAML manifests use too, so that a Job made by {@code ttg-producer deploy} and one made
 * by {@code kubectl apply} look alike.
 *
 * <p>The Job leaves {@code completions} unset, so its pods form a work queue: once one pod exits
 * 0, the Job controller starts no new pod and completes the Job when the others have ended. A
 * worker exits 0 only when no chunk is pending or leased, so the first success is true.
 */
public final class WorkerJobs {
    public static final String NAMESPACE = "ttg";
    public static final String JOB_NAME = "ttg-computation";
    public static final String CONFIG_MAP = "ttg-config";
    public static final String REDIS_SECRET = "ttg-redis";
    public static final String REDIS_SECRET_KEY = "password";
    public static final String REDIS_SERVICE = "ttg-redis";
    public static final int REDIS_PORT = 6379;
    public static final String IMAGE = "ttg:0.1.0";
    public static final String CONTAINER = "worker";
    public static final int METRICS_PORT = 9404;
    public static final String METRICS_PORT_NAME = "metrics";
    public static final String METRICS_PATH = "/metrics";
    public static final long GRACE_PERIOD_SECONDS = 30;
    /** Exit code of a worker stopped by SIGTERM after handing its chunks back. */
    public static final int EXIT_STOPPED = 143;

    public static final String LABEL_NAME = "app.kubernetes.io/name";
    public static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT_WORKER = "worker";

    /** A non-root user id; the image must be able to run the worker as it. */
    static final long RUN_AS_USER = 10001;
    static final List<String> WORKER_COMMAND =
            List.of("java", "-cp", "/app/ttg-worker.jar", "io.ttg.worker.WorkerMain");

    private WorkerJobs() {}

    /** Returns the labels of the run's objects of one component, such as {@code worker}. */
    public static Map<String, String> labels(String runId, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_NAME, "ttg");
        labels.put(LABEL_PART_OF, "ttg");
        labels.put(LABEL_COMPONENT, component);
        labels.put(LABEL_INSTANCE, runId);
        return labels;
    }

    /**
     * Returns the Job's backoffLimit: failed pods tolerated before the Job fails. Pods that the
     * podFailurePolicy ignores do not count, so this covers real crashes, such as pods killed
     * for exceeding their memory limit, over a long run.
     */
    public static int backoffLimit(int workers) {
        return Math.max(6, 2 * workers);
    }

    /** Returns the ConfigMap whose entries become the worker container's environment. */
    public static ConfigMap configMap(JobPlan plan) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(CONFIG_MAP)
                    .withNamespace(plan.namespace())
                    .withLabels(labels(plan.spec().runId(), COMPONENT_WORKER))
                .endMetadata()
                .withData(configData(plan))
                .build();
    }

    /** Returns the ConfigMap's entries: the run's spec in the variables the programs read. */
    static Map<String, String> configData(JobPlan plan) {
        RunSpec spec = plan.spec();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("RUN_ID", spec.runId());
        data.put("TOTAL_PARAMETERS", Long.toString(spec.totalParameters()));
        data.put("BATCH_SIZE", Integer.toString(spec.chunkSize()));
        data.put("COMPUTATION", spec.computation());
        data.put("SIMULATE_WORK_MS", spec.options().getOrDefault(SimulateComputation.WORK_MS,
                "0"));
        data.put("SAVE_OUTPUT", Boolean.toString(spec.saveOutput()));
        data.put("TOTAL_WORKERS", Integer.toString(plan.workers()));
        data.put("MAX_ATTEMPTS", Integer.toString(spec.maxAttempts()));
        data.put("LEASE_SECONDS", BigDecimal.valueOf(spec.leaseMillis()).movePointLeft(3)
                .stripTrailingZeros().toPlainString());
        return data;
    }

    /** Returns the worker Job of the plan's run. */
    public static Job job(JobPlan plan) {
        Map<String, String> labels = labels(plan.spec().runId(), COMPONENT_WORKER);
        return new JobBuilder()
                .withNewMetadata()
                    .withName(JOB_NAME)
                    .withNamespace(plan.namespace())
                    .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                    .withParallelism(plan.workers())
                    .withBackoffLimit(backoffLimit(plan.workers()))
                    .withPodFailurePolicy(podFailurePolicy())
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(labels)
                            .addToAnnotations("prometheus.io/scrape", "true")
                            .addToAnnotations("prometheus.io/port", Integer.toString(METRICS_PORT))
                            .addToAnnotations("prometheus.io/path", METRICS_PATH)
                        .endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withTerminationGracePeriodSeconds(GRACE_PERIOD_SECONDS)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .withRunAsUser(RUN_AS_USER)
                                .withRunAsGroup(RUN_AS_USER)
                                .withNewSeccompProfile().withType("RuntimeDefault")
                                .endSeccompProfile()
                            .endSecurityContext()
                            .withContainers(container(plan))
                            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir()
                            .endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * Returns the rules that tell the Job controller which pod failures matter. Invalid usage
     * (2) and a conflict in Redis (5) fail the whole Job, because every retry would fail the
     * same way. A pod disrupted by an eviction or preemption, or stopped by SIGTERM after
     * handing its chunk back (143), does not count against the backoffLimit.
     */
    static PodFailurePolicy podFailurePolicy() {
        return new PodFailurePolicyBuilder()
                .addNewRule()
                    .withAction("FailJob")
                    .withNewOnExitCodes()
                        .withContainerName(CONTAINER)
                        .withOperator("In")
                        .withValues(ExitCodes.USAGE, ExitCodes.CONFLICT)
                    .endOnExitCodes()
                .endRule()
                .addNewRule()
                    .withAction("Ignore")
                    .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True")
                    .endOnPodCondition()
                .endRule()
                .addNewRule()
                    .withAction("Ignore")
                    .withNewOnExitCodes()
                        .withContainerName(CONTAINER)
                        .withOperator("In")
                        .withValues(EXIT_STOPPED)
                    .endOnExitCodes()
                .endRule()
                .build();
    }

    private static Container container(JobPlan plan) {
        WorkerResources resources = plan.resources();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(plan.image())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(WORKER_COMMAND)
                .addNewEnvFrom().withNewConfigMapRef().withName(CONFIG_MAP).endConfigMapRef()
                .endEnvFrom()
                // REDIS_PASSWORD comes first because Kubernetes expands $(NAME) only for
                // variables defined earlier in the list.
                .addNewEnv()
                    .withName("REDIS_PASSWORD")
                    .withNewValueFrom()
                        .withNewSecretKeyRef().withName(REDIS_SECRET).withKey(REDIS_SECRET_KEY)
                        .endSecretKeyRef()
                    .endValueFrom()
                .endEnv()
                .addNewEnv()
                    .withName("REDIS_URL")
                    .withValue("redis://:$(REDIS_PASSWORD)@" + REDIS_SERVICE + ":" + REDIS_PORT)
                .endEnv()
                .addNewEnv().withName("METRICS_PORT").withValue(Integer.toString(METRICS_PORT))
                .endEnv()
                .addNewPort()
                    .withName(METRICS_PORT_NAME)
                    .withContainerPort(METRICS_PORT)
                    .withProtocol("TCP")
                .endPort()
                .withNewResources()
                    .addToRequests("cpu", new Quantity(resources.cpuRequest()))
                    .addToRequests("memory", new Quantity(resources.memoryRequest()))
                    .addToLimits("cpu", new Quantity(resources.cpuLimit()))
                    .addToLimits("memory", new Quantity(resources.memoryLimit()))
                .endResources()
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(true)
                    .withRunAsNonRoot(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }
}
