package io.ttg.producer.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ttg.cli.Environment;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import io.ttg.testing.TestRedis;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy} against fabric8's mock API server in CRUD mode, which stores what it is sent,
 * and a real Redis for the enqueue.
 */
@EnableKubernetesMockClient(crud = true)
class DeployCommandTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static TestRedis redis;

    KubernetesMockServer server;
    KubernetesClient client;
    SentRequests sent;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void recordRequests() {
        sent = new SentRequests(server);
    }

    private static String newRunId() {
        return "deploy-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
    }

    private Cli.Result deploy(String... args) {
        return deploy(Map.of("REDIS_URL", redis.url()), args);
    }

    private Cli.Result deploy(Map<String, String> env, String... args) {
        return Cli.execute(new DeployCommand(new Environment(env), sent::newClient), args);
    }

    private Job job() {
        return client.batch().v1().jobs().inNamespace("ttg").withName("ttg-computation").get();
    }

    private ConfigMap configMap() {
        return client.configMaps().inNamespace("ttg").withName("ttg-config").get();
    }

    @Test
    void milestoneOne_createsConfigMapJobAndRun() {
        String run = newRunId();

        Cli.Result result = deploy("--milestone", "1", "--run", run);

        assertThat(result.exitCode()).as(result.err()).isZero();
        Job job = job();
        RunSpec spec = Cli.status(redis.url(), run).orElseThrow().spec();
        JobPlan plan = new JobPlan("ttg", spec, 3, Milestone.M1.resources(), "ttg:0.1.0");
        assertThat(job.getSpec()).isEqualTo(WorkerJobs.job(plan).getSpec());
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", run);
        assertThat(configMap().getData()).isEqualTo(WorkerJobs.configData(plan));
        assertThat(spec.totalParameters()).isEqualTo(10_000);
        assertThat(spec.computation()).isEqualTo("simulate");
        assertThat(result.out())
                .contains("run " + run + " enqueued on Redis at redis://127.0.0.1:");
        assertThat(result.out()).contains("configmap/ttg-config created in namespace ttg: {RUN_ID="
                + run + ", TOTAL_PARAMETERS=10000,");
        assertThat(result.out()).contains("job.batch/ttg-computation created in namespace ttg:"
                + " run " + run + ", parallelism 3, backoffLimit 6, image ttg:0.1.0, cpu 100m"
                + " request / 500m limit, memory 128Mi request / 256Mi limit");
    }

    @Test
    void flags_overrideMilestone() {
        String run = newRunId();

        Cli.Result result = deploy("--milestone", "2", "--workers", "4", "--memory-limit", "1Gi",
                "--run", run);

        assertThat(result.exitCode()).as(result.err()).isZero();
        var resources = job().getSpec().getTemplate().getSpec().getContainers().get(0)
                .getResources();
        assertThat(job().getSpec().getParallelism()).isEqualTo(4);
        assertThat(job().getSpec().getBackoffLimit()).isEqualTo(8);
        assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("200m"));
        assertThat(resources.getLimits()).containsEntry("memory", new Quantity("1Gi"));
        assertThat(configMap().getData()).containsEntry("TOTAL_PARAMETERS", "100000");
        assertThat(configMap().getData()).containsEntry("TOTAL_WORKERS", "4");
    }

    @Test
    void sameCommandTwice_changesNothing() {
        String run = newRunId();
        deploy("--workers", "2", "--params", "100", "--run", run);

        Cli.Result again = deploy("--workers", "2", "--params", "100", "--run", run);

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("run " + run + " unchanged on Redis at");
        assertThat(again.out()).contains("configmap/ttg-config unchanged in namespace ttg");
        assertThat(again.out()).contains("job.batch/ttg-computation unchanged in namespace ttg:"
                + " run " + run + ", parallelism 2");
    }

    @Test
    void moreWorkersForSameRun_patchesParallelism() {
        String run = newRunId();
        deploy("--workers", "3", "--params", "100", "--run", run);
        sent.clear();

        Cli.Result result = deploy("--workers", "5", "--params", "100", "--run", run);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("job.batch/ttg-computation configured in namespace"
                + " ttg: parallelism 3 -> 5");
        assertThat(job().getSpec().getParallelism()).isEqualTo(5);
        assertThat(job().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/instance", run);
        assertThat(sent.withMethod("PATCH")).singleElement().satisfies(patch -> {
            assertThat(patch.path())
                    .isEqualTo("/apis/batch/v1/namespaces/ttg/jobs/ttg-computation");
            assertThat(patch.contentType()).startsWith("application/merge-patch+json");
            assertThat(patch.body()).isEqualTo("{\"spec\":{\"parallelism\":5}}");
        });
    }

    @Test
    void otherRunWhileRunning_isRejectedWithExit5() {
        String first = newRunId();
        String second = newRunId();
        deploy("--workers", "3", "--params", "100", "--run", first);

        Cli.Result result = deploy("--workers", "3", "--params", "100", "--run", second);

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).isEqualTo("ttg-producer: error: job.batch/ttg-computation in"
                + " namespace ttg is still working on run " + first + " (the run is QUEUED with"
                + " 1 chunks pending or leased) and deploying run " + second + " replaces it;"
                + " wait until it ends (ttg-producer watch), or pass --replace to delete it now:"
                + " its workers hand their chunks back and run " + first + " stays on Redis\n");
        assertThat(result.out()).isEmpty();
        assertThat(job().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/instance", first);
        assertThat(configMap().getData()).containsEntry("RUN_ID", first);
        assertThat(Cli.status(redis.url(), second)).isEmpty();
    }

    @Test
    void otherRunWithReplace_replacesJob() {
        String first = newRunId();
        String second = newRunId();
        deploy("--workers", "3", "--params", "100", "--run", first);

        Cli.Result result = deploy("--workers", "2", "--params", "100", "--run", second,
                "--replace");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("job.batch/ttg-computation deleted in namespace ttg"
                + " (run " + first + ")");
        assertThat(result.out()).contains("configmap/ttg-config configured in namespace ttg");
        assertThat(result.out()).contains("job.batch/ttg-computation created in namespace ttg:"
                + " run " + second + ", parallelism 2");
        assertThat(job().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/instance", second);
        assertThat(configMap().getData()).containsEntry("RUN_ID", second);
        assertThat(Cli.status(redis.url(), first).orElseThrow().state())
                .isEqualTo(RunState.QUEUED);
    }

    @Test
    void otherRunAfterFirstFinished_replacesWithoutFlag() {
        String first = newRunId();
        String second = newRunId();
        deploy("--workers", "1", "--params", "20", "--chunk-size", "10", "--run", first);
        Cli.finishRun(redis.url(), first);

        Cli.Result result = deploy("--workers", "1", "--params", "20", "--run", second);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(job().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/instance", second);
    }

    @Test
    void finishedRunWithActivePod_isRejected() {
        String first = newRunId();
        deploy("--workers", "1", "--params", "20", "--run", first);
        Cli.finishRun(redis.url(), first);
        client.pods().inNamespace("ttg").resource(new PodBuilder()
                .withNewMetadata().withName("ttg-computation-abcde")
                    .withLabels(WorkerJobs.labels(first, "worker")).endMetadata()
                .withNewStatus().withPhase("Running").endStatus()
                .build()).create();

        Cli.Result result = deploy("--workers", "1", "--params", "20", "--run", newRunId());

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("is still working on run " + first
                + " (1 worker pods active)");
    }

    @Test
    void changedResourcesWhileRunning_isRejected() {
        String run = newRunId();
        deploy("--workers", "2", "--params", "100", "--run", run);

        Cli.Result result = deploy("--workers", "2", "--params", "100", "--run", run,
                "--cpu-limit", "2");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("its pod template (image or resources) differs, and"
                + " Kubernetes cannot change the pod template of a Job in place");
    }

    @Test
    void withoutRedisUrl_exitsWithPortForwardHint() {
        Cli.Result result = deploy(Map.of(), "--workers", "2", "--params", "100", "--run", "r");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("ttg-producer: error: deploy needs REDIS_URL to"
                + " enqueue the run on the cluster's Redis; from outside the cluster run"
                + " 'kubectl -n ttg port-forward svc/ttg-redis 6379:6379' and set"
                + " REDIS_URL=redis://:PASSWORD@127.0.0.1:6379\n");
        assertThat(job()).isNull();
        assertThat(configMap()).isNull();
    }

    @Test
    void withoutWorkers_exitsWithUsageError() {
        Cli.Result result = deploy("--params", "100", "--run", newRunId());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--workers is required");
        assertThat(job()).isNull();
    }

    @Test
    void otherNamespace_createsObjectsThere() {
        Cli.Result result = deploy("--workers", "1", "--params", "10", "--run", newRunId(),
                "--namespace", "sweeps");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(client.batch().v1().jobs().inNamespace("sweeps").withName("ttg-computation")
                .get()).isNotNull();
        assertThat(job()).isNull();
    }

    @Test
    void enqueuedRun_matchesFlags() {
        String run = newRunId();

        deploy("--workers", "1", "--params", "1000", "--chunk-size", "300", "--computation",
                "primes", "--max-attempts", "4", "--lease-seconds", "2.5", "--save-output",
                "--run", run);

        RunStatus status = Cli.status(redis.url(), run).orElseThrow();
        assertThat(status.spec().chunkCount()).isEqualTo(4);
        assertThat(status.spec().computation()).isEqualTo("primes");
        assertThat(status.spec().maxAttempts()).isEqualTo(4);
        assertThat(status.spec().leaseMillis()).isEqualTo(2_500);
        assertThat(status.spec().saveOutput()).isTrue();
        assertThat(configMap().getData()).containsEntry("LEASE_SECONDS", "2.5");
    }
}
