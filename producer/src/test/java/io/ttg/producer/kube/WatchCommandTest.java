package io.ttg.producer.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ttg.cli.Environment;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code watch} against fabric8's mock API server in CRUD mode and a real Redis. */
@EnableKubernetesMockClient(crud = true)
class WatchCommandTest {
    private static TestRedis redis;

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** Returns a spec of 20 parameters in 2 chunks that a worker computes at once. */
    static RunSpec spec(String run) {
        return new RunSpec(run, 20, 10, "simulate", Map.of("work-ms", "0"), 3, 6_000, false,
                1_000);
    }

    private static void enqueue(String run) {
        try (RedisChunkQueue queue = new RedisChunkQueue(RedisConnection.open(redis.url()))) {
            queue.enqueue(spec(run));
        }
    }

    private Cli.Result watch(Map<String, String> env, String... args) {
        return Cli.execute(new WatchCommand(new Environment(env), server::createClient), args);
    }

    private Cli.Result watch(String... args) {
        return watch(Map.of("REDIS_URL", redis.url()), args);
    }

    private Job createJob(String run) {
        Job job = WorkerJobs.job(new JobPlan("ttg", spec(run), 3, Milestone.M1.resources(),
                WorkerJobs.IMAGE));
        return client.batch().v1().jobs().inNamespace("ttg").resource(job).create();
    }

    private void setStatus(Job job, String condition, String reason, String message,
            int active, int succeeded, int failed) {
        JobBuilder builder = new JobBuilder(client.batch().v1().jobs().inNamespace("ttg")
                .withName(job.getMetadata().getName()).get());
        var status = builder.withNewStatus().withActive(active).withSucceeded(succeeded)
                .withFailed(failed);
        if (condition != null) {
            status.addNewCondition().withType(condition).withStatus("True").withReason(reason)
                    .withMessage(message).endCondition();
        }
        client.batch().v1().jobs().inNamespace("ttg").resource(status.endStatus().build())
                .updateStatus();
    }

    private void putPod(String run, String name, String node, String phase) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("ttg")
                    .withLabels(WorkerJobs.labels(run, "worker")).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase(phase).endStatus()
                .build();
        client.pods().inNamespace("ttg").resource(pod).createOr(existing -> existing.update());
    }

    @Test
    void completeJobAndRun_exits0() {
        enqueue("watch-done");
        Cli.finishRun(redis.url(), "watch-done");
        Job job = createJob("watch-done");
        setStatus(job, "Complete", "CompletionsReached", "Reached expected number of succeeded"
                + " pods", 0, 3, 0);
        putPod("watch-done", "ttg-computation-a", "node-a", "Succeeded");
        putPod("watch-done", "ttg-computation-b", "node-b", "Succeeded");
        putPod("watch-done", "ttg-computation-c", "node-a", "Succeeded");
        putPod("other-run", "ttg-computation-z", "node-a", "Running");

        Cli.Result result = watch("--interval", "0.1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(" job.batch/ttg-computation run watch-done:"
                + " parallelism 3, active 0, succeeded 3, failed 0, COMPLETE\n");
        assertThat(result.out()).contains("\n  pods   Succeeded 3 (node-a: 2, node-b: 1)\n");
        assertThat(result.out()).contains("\n  queue  COMPLETED [##############################]"
                + " 100.0%  20 of 20 parameters; chunks: 2 done, 0 leased, 0 pending, 0 failed\n");
        assertThat(result.out()).endsWith("The Job is Complete and run watch-done is COMPLETED"
                + " with 2 chunks done and 0 failed: this matches; all 20 parameters are done\n");
    }

    @Test
    void completeJobWithChunksLeft_isMismatch() {
        enqueue("watch-early");
        Job job = createJob("watch-early");
        setStatus(job, "Complete", "CompletionsReached", "", 0, 1, 0);

        Cli.Result result = watch("--interval", "0.1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).endsWith("MISMATCH: the Job is Complete but run watch-early is"
                + " QUEUED with 2 chunks pending and 0 leased, and no worker will take them;"
                + " start workers again with: ttg-producer deploy --run watch-early --replace\n");
    }

    @Test
    void failedJobWithChunksLeft_matchesAndExits1() {
        enqueue("watch-failed");
        Job job = createJob("watch-failed");
        setStatus(job, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff"
                + " limit", 0, 0, 7);

        Cli.Result result = watch("--interval", "0.1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("The Job failed (BackoffLimitExceeded: Job has reached"
                + " the specified backoff limit) and run watch-failed is QUEUED with 2 chunks"
                + " pending and 0 leased: this matches.");
    }

    @Test
    void jobNeverEnding_isMismatch() {
        enqueue("watch-stuck");
        Cli.finishRun(redis.url(), "watch-stuck");
        createJob("watch-stuck");

        Cli.Result result = watch("--interval", "0.1", "--settle-seconds", "0.3");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).endsWith("MISMATCH: run watch-stuck is COMPLETED with 2 chunks"
                + " done and 0 failed but the Job has not ended (parallelism 3, active 0,"
                + " succeeded 0, failed 0); check its pods with: kubectl describe job"
                + " ttg-computation\n");
    }

    @Test
    void jobEndsWhileWatching_printsEachSnapshot() throws Exception {
        enqueue("watch-live");
        Job job = createJob("watch-live");
        setStatus(job, null, null, null, 1, 0, 0);
        putPod("watch-live", "ttg-computation-a", "node-a", "Running");

        int before = server.getRequestCount();
        CompletableFuture<Cli.Result> watching = CompletableFuture.supplyAsync(
                () -> watch("--interval", "0.1"));
        while (server.getRequestCount() < before + 4 && !watching.isDone()) {
            Thread.sleep(10);
        }
        Cli.finishRun(redis.url(), "watch-live");
        putPod("watch-live", "ttg-computation-a", "node-a", "Succeeded");
        setStatus(job, "Complete", "CompletionsReached", "", 0, 1, 0);
        Cli.Result result = watching.get(30, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("  pods   Running 1 (node-a: 1)\n"
                + "  queue  QUEUED [");
        assertThat(result.out()).contains("  pods   Succeeded 1 (node-a: 1)\n");
        assertThat(result.out()).contains("this matches");
    }

    @Test
    void missingJob_exitsWith4() {
        Cli.Result result = watch();

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("ttg-producer: error: job.batch/ttg-computation not"
                + " found in namespace ttg; create it with: ttg-producer deploy\n");
    }

    @Test
    void withoutRedisUrl_exitsWithPortForwardHint() {
        Cli.Result result = watch(Map.of());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("watch needs REDIS_URL to read the run's progress;"
                + " from outside the cluster run 'kubectl -n ttg port-forward svc/ttg-redis"
                + " 6379:6379'");
    }
}
