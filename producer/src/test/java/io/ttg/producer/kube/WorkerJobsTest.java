package io.ttg.producer.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.ttg.UsageException;
import io.ttg.queue.RunSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ConfigMap and worker Job that {@link WorkerJobs} builds. */
class WorkerJobsTest {
    private static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/name", "ttg",
            "app.kubernetes.io/part-of", "ttg",
            "app.kubernetes.io/component", "worker",
            "app.kubernetes.io/instance", "sweep-1");

    static JobPlan plan(Milestone milestone) {
        RunSpec spec = new RunSpec("sweep-1", milestone.parameters(), 10_000, "simulate",
                Map.of("work-ms", "2"), 3, 6_000, true, 1_000);
        return new JobPlan("ttg", spec, milestone.workers(), milestone.resources(),
                WorkerJobs.IMAGE);
    }

    private static Container container(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void configMap_holdsRunSpecAsVariables() {
        ConfigMap config = WorkerJobs.configMap(plan(Milestone.M2));

        assertThat(config.getMetadata().getName()).isEqualTo("ttg-config");
        assertThat(config.getMetadata().getNamespace()).isEqualTo("ttg");
        assertThat(config.getMetadata().getLabels()).isEqualTo(LABELS);
        assertThat(config.getData()).containsExactly(
                Map.entry("RUN_ID", "sweep-1"),
                Map.entry("TOTAL_PARAMETERS", "100000"),
                Map.entry("BATCH_SIZE", "10000"),
                Map.entry("COMPUTATION", "simulate"),
                Map.entry("SIMULATE_WORK_MS", "2"),
                Map.entry("SAVE_OUTPUT", "true"),
                Map.entry("TOTAL_WORKERS", "10"),
                Map.entry("MAX_ATTEMPTS", "3"),
                Map.entry("LEASE_SECONDS", "6"));
    }

    @Test
    void configMap_fractionalLease_keepsDecimals() {
        RunSpec spec = new RunSpec("r", 10, 5, "primes", Map.of(), 2, 2_500, false, 1_000);
        JobPlan plan = new JobPlan("ttg", spec, 1, Milestone.M1.resources(), WorkerJobs.IMAGE);

        Map<String, String> data = WorkerJobs.configMap(plan).getData();

        assertThat(data).containsEntry("LEASE_SECONDS", "2.5");
        assertThat(data).containsEntry("SIMULATE_WORK_MS", "0");
        assertThat(data).containsEntry("SAVE_OUTPUT", "false");
    }

    @ParameterizedTest
    @CsvSource({
        "M1, 3, 6, 100m, 500m, 128Mi, 256Mi",
        "M2, 10, 20, 200m, 1000m, 256Mi, 512Mi",
        "M3, 10, 20, 500m, 2000m, 512Mi, 2Gi",
        "M4, 100, 200, 1000m, 4000m, 1Gi, 4Gi"
    })
    void job_perMilestone_setsParallelismAndResources(Milestone milestone, int parallelism,
            int backoffLimit, String cpuRequest, String cpuLimit, String memoryRequest,
            String memoryLimit) {
        Job job = WorkerJobs.job(plan(milestone));

        assertThat(job.getSpec().getParallelism()).isEqualTo(parallelism);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(backoffLimit);
        var resources = container(job).getResources();
        assertThat(resources.getRequests()).containsEntry("cpu", new Quantity(cpuRequest));
        assertThat(resources.getLimits()).containsEntry("cpu", new Quantity(cpuLimit));
        assertThat(resources.getRequests()).containsEntry("memory", new Quantity(memoryRequest));
        assertThat(resources.getLimits()).containsEntry("memory", new Quantity(memoryLimit));
    }

    @Test
    void job_isWorkQueueWithNamesAndLabels() {
        Job job = WorkerJobs.job(plan(Milestone.M1));

        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getMetadata().getName()).isEqualTo("ttg-computation");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("ttg");
        assertThat(job.getMetadata().getLabels()).isEqualTo(LABELS);
        assertThat(job.getSpec().getCompletions()).isNull();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(LABELS);
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry(
                "prometheus.io/port", "9404").containsEntry("prometheus.io/path", "/metrics");
    }

    @Test
    void job_podFailurePolicyRules() {
        List<PodFailurePolicyRule> rules = WorkerJobs.job(plan(Milestone.M1)).getSpec()
                .getPodFailurePolicy().getRules();

        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("worker");
        assertThat(rules.get(0).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(2, 5);
        assertThat(rules.get(1).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(1).getOnPodConditions()).singleElement().satisfies(pattern -> {
            assertThat(pattern.getType()).isEqualTo("DisruptionTarget");
            assertThat(pattern.getStatus()).isEqualTo("True");
        });
        assertThat(rules.get(2).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(2).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(2).getOnExitCodes().getValues()).containsExactly(143);
    }

    @Test
    void job_podSpecIsLockedDown() {
        PodSpec pod = WorkerJobs.job(plan(Milestone.M1)).getSpec().getTemplate().getSpec();

        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop())
                .containsExactly("ALL");
        assertThat(container.getVolumeMounts()).singleElement()
                .satisfies(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).singleElement()
                .satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    }

    @Test
    void job_container_runsWorkerWithRedisFromSecret() {
        Container container = container(WorkerJobs.job(plan(Milestone.M1)));

        assertThat(container.getName()).isEqualTo("worker");
        assertThat(container.getImage()).isEqualTo("ttg:0.1.0");
        assertThat(container.getCommand()).containsExactly("java", "-cp",
                "/app/ttg-worker.jar", "io.ttg.worker.WorkerMain");
        assertThat(container.getEnvFrom()).singleElement().satisfies(source ->
                assertThat(source.getConfigMapRef().getName()).isEqualTo("ttg-config"));
        List<EnvVar> env = container.getEnv();
        assertThat(env).extracting(EnvVar::getName)
                .containsExactly("REDIS_PASSWORD", "REDIS_URL", "METRICS_PORT");
        assertThat(env.get(0).getValueFrom().getSecretKeyRef().getName()).isEqualTo("ttg-redis");
        assertThat(env.get(0).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(env.get(1).getValue()).isEqualTo("redis://:$(REDIS_PASSWORD)@ttg-redis:6379");
        assertThat(env.get(2).getValue()).isEqualTo("9404");
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("metrics");
            assertThat(port.getContainerPort()).isEqualTo(9404);
        });
    }

    @Test
    void plan_longRunId_isRejected() {
        RunSpec spec = new RunSpec("r".repeat(64), 10, 5, "primes", Map.of(), 2, 2_500, false,
                1_000);

        assertThatThrownBy(() -> new JobPlan("ttg", spec, 1, Milestone.M1.resources(), "i"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--run '" + "r".repeat(64) + "' cannot be a Kubernetes label value:"
                        + " use at most 63 characters that start and end with a letter or"
                        + " digit");
    }

    @Test
    void plan_badNamespace_isRejected() {
        RunSpec spec = new RunSpec("r", 10, 5, "primes", Map.of(), 2, 2_500, false, 1_000);

        assertThatThrownBy(() -> new JobPlan("TTG", spec, 1, Milestone.M1.resources(), "i"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--namespace must be 1 to 63 lower-case letters");
    }

    @Test
    void resources_requestAboveLimit_isRejected() {
        assertThatThrownBy(() -> new WorkerResources("2", "500m", "1Gi", "2Gi"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--cpu-request 2 exceeds --cpu-limit 500m; Kubernetes rejects a"
                        + " request above its limit");
    }

    @Test
    void resources_notQuantity_isRejected() {
        assertThatThrownBy(() -> new WorkerResources("100m", "500m", "lots", "2Gi"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--memory-request must be a positive Kubernetes quantity such as"
                        + " 500m, 2, 512Mi or 4Gi, got 'lots'");
    }

    @Test
    void milestone_outOfRange_isRejected() {
        assertThatThrownBy(() -> Milestone.of(5))
                .isInstanceOf(UsageException.class)
                .hasMessage("--milestone must be 1, 2, 3 or 4, got 5");
    }
}
