package io.ttg.e2e.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker Job ttg-computation as every kustomization renders it. */
class WorkerJobTest {
    /**
     * Resident memory of a worker beyond its heap, rounded up from k8s/measure-worker-memory.sh
     * on JDK 17 with the whole heap touched. The maximum heap plus this must fit the limit.
     */
    private static final long JVM_NON_HEAP_BYTES = 100L << 20;

    private static final List<String> WORKER_COMMAND =
            List.of("java", "-cp", "/app/ttg-worker.jar", "io.ttg.worker.WorkerMain");
    private static final Pattern MAX_RAM_PERCENTAGE =
            Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

    @ParameterizedTest(name = "milestone-{0}")
    @CsvSource({
        "1, 3, 10000, 100m, 500m, 128Mi, 256Mi",
        "2, 10, 100000, 200m, 1000m, 256Mi, 512Mi",
        "3, 10, 1000000, 500m, 2000m, 512Mi, 2Gi",
        "4, 100, 10000000, 1000m, 4000m, 1Gi, 4Gi"
    })
    void milestoneOverlay_matchesTable(int milestone, int workers, long parameters,
            String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit) {
        Manifests manifests = Kustomize.render("overlays/milestone-" + milestone);
        Job job = manifests.workerJob();
        ResourceRequirements resources = worker(job).getResources();

        assertThat(manifests.config("TOTAL_WORKERS")).isEqualTo(Integer.toString(workers));
        assertThat(manifests.config("TOTAL_PARAMETERS")).isEqualTo(Long.toString(parameters));
        assertThat(manifests.config("RUN_ID")).isEqualTo("milestone-" + milestone);
        assertThat(job.getSpec().getParallelism()).isEqualTo(workers);
        assertQuantity(resources.getRequests().get("cpu"), cpuRequest);
        assertQuantity(resources.getLimits().get("cpu"), cpuLimit);
        assertQuantity(resources.getRequests().get("memory"), memoryRequest);
        assertQuantity(resources.getLimits().get("memory"), memoryLimit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-2",
        "overlays/milestone-3", "overlays/milestone-4"})
    void workerJob_runsUntilRunFinished(String kustomization) {
        Manifests manifests = Kustomize.render(kustomization);
        JobSpec spec = manifests.workerJob().getSpec();
        int workers = Integer.parseInt(manifests.config("TOTAL_WORKERS"));

        assertThat(spec.getCompletions()).as("completions").isNull();
        assertThat(spec.getCompletionMode()).as("completionMode").isIn(null, "NonIndexed");
        assertThat(spec.getParallelism()).as("parallelism").isEqualTo(workers);
        assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getBackoffLimit()).as("backoffLimit").isGreaterThanOrEqualTo(
                Math.max(30, 3 * workers));
        assertThat(spec.getActiveDeadlineSeconds()).as("activeDeadlineSeconds").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-2",
        "overlays/milestone-3", "overlays/milestone-4"})
    void run_hasAtLeastOneChunkPerWorker(String kustomization) {
        Manifests manifests = Kustomize.render(kustomization);
        long parameters = Long.parseLong(manifests.config("TOTAL_PARAMETERS"));
        long chunkSize = Long.parseLong(manifests.config("BATCH_SIZE"));
        long chunks = (parameters + chunkSize - 1) / chunkSize;

        assertThat(chunks).as("chunks of " + kustomization)
                .isGreaterThanOrEqualTo(Long.parseLong(manifests.config("TOTAL_WORKERS")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-4"})
    void podFailurePolicy_failsOnConfigErrorsIgnoresStops(String kustomization) {
        List<PodFailurePolicyRule> rules = Kustomize.render(kustomization).workerJob().getSpec()
                .getPodFailurePolicy().getRules();

        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(2, 5);
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("worker");
        assertThat(rules.get(1).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(1).getOnPodConditions()).singleElement()
                .satisfies(condition -> {
                    assertThat(condition.getType()).isEqualTo("DisruptionTarget");
                    assertThat(condition.getStatus()).isEqualTo("True");
                });
        assertThat(rules.get(2).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(2).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(2).getOnExitCodes().getValues()).containsExactly(143);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-4"})
    void workerPod_stopsWithinGracePeriod(String kustomization) {
        PodSpec pod = Kustomize.render(kustomization).workerJob().getSpec().getTemplate()
                .getSpec();

        // The worker waits at most 20 s for its hand-back after SIGTERM.
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-2",
        "overlays/milestone-3", "overlays/milestone-4"})
    void workerContainer_runsImageDefaultCommand(String kustomization) {
        Container worker = worker(Kustomize.render(kustomization).workerJob());

        assertThat(worker.getImage()).isEqualTo("ttg:0.1.0");
        assertThat(worker.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(worker.getCommand()).isEqualTo(WORKER_COMMAND);
        assertThat(worker.getArgs()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-2"})
    void workerEnvironment_buildsRedisUrlFromSecret(String kustomization) {
        Container worker = worker(Kustomize.render(kustomization).workerJob());
        List<String> names = worker.getEnv().stream().map(EnvVar::getName).toList();
        EnvVar password = env(worker, "REDIS_PASSWORD");

        assertThat(worker.getEnvFrom()).singleElement()
                .satisfies(source -> assertThat(source.getConfigMapRef().getName())
                        .isEqualTo("ttg-config"));
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ttg-redis");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(env(worker, "REDIS_URL").getValue())
                .isEqualTo("redis://:$(REDIS_PASSWORD)@ttg-redis:6379");
        // Kubernetes expands $(REDIS_PASSWORD) only from variables defined earlier.
        assertThat(names.indexOf("REDIS_PASSWORD")).isLessThan(names.indexOf("REDIS_URL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1", "overlays/milestone-2",
        "overlays/milestone-3", "overlays/milestone-4"})
    void workerHeap_fitsMemoryLimit(String kustomization) {
        Container worker = worker(Kustomize.render(kustomization).workerJob());
        String options = env(worker, "JAVA_TOOL_OPTIONS").getValue();
        Matcher percentage = MAX_RAM_PERCENTAGE.matcher(options);
        long limit = worker.getResources().getLimits().get("memory").getNumericalAmount()
                .longValueExact();

        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(percentage.find()).as("MaxRAMPercentage in " + options).isTrue();
        long heap = new BigDecimal(percentage.group(1)).multiply(BigDecimal.valueOf(limit))
                .divide(BigDecimal.valueOf(100)).longValue();
        assertThat(heap + JVM_NON_HEAP_BYTES).as("max heap + JVM's own memory, bytes")
                .isLessThanOrEqualTo(limit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-3"})
    void workerPod_exposesMetricsToPrometheus(String kustomization) {
        Job job = Kustomize.render(kustomization).workerJob();
        Container worker = worker(job);

        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9404")
                .containsEntry("prometheus.io/path", "/metrics");
        assertThat(worker.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("metrics");
            assertThat(port.getContainerPort()).isEqualTo(9404);
        });
        assertThat(env(worker, "METRICS_PORT").getValue()).isEqualTo("9404");
        assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/metrics");
        assertThat(worker.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("metrics");
        assertThat(worker.getLivenessProbe()).as("liveness probe").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-4"})
    void workerPods_spreadOverNodes(String kustomization) {
        Job job = Kustomize.render(kustomization).workerJob();
        TopologySpreadConstraint spread = job.getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints().get(0);

        assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(spread.getMaxSkew()).isEqualTo(1);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/milestone-1"})
    void workerPod_writesOnlyToTmp(String kustomization) {
        PodSpec pod = Kustomize.render(kustomization).workerJob().getSpec().getTemplate()
                .getSpec();
        Container worker = Manifests.container(pod, "worker");

        assertThat(worker.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(worker.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            assertThat(pod.getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo(mount.getName());
                assertThat(volume.getEmptyDir()).isNotNull();
            });
        });
    }

    static Container worker(Job job) {
        return Manifests.container(job.getSpec().getTemplate().getSpec(), "worker");
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(variable -> variable.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no env "
                        + name));
    }

    private static void assertQuantity(Quantity actual, String expected) {
        assertThat(actual).as("quantity, expected " + expected).isNotNull();
        assertThat(actual.getNumericalAmount()).as(actual + " vs " + expected)
                .isEqualByComparingTo(Quantity.parse(expected).getNumericalAmount());
    }
}
