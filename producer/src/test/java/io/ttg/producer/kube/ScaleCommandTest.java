package io.ttg.producer.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ttg.cli.Environment;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code scale} against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ScaleCommandTest {
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

    private Cli.Result scale(Map<String, String> env, String... args) {
        return Cli.execute(new ScaleCommand(new Environment(env), sent::newClient), args);
    }

    private Job createJob(String run, int workers) {
        Job job = WorkerJobs.job(new JobPlan("ttg", WatchCommandTest.spec(run), workers,
                Milestone.M1.resources(), WorkerJobs.IMAGE));
        return client.batch().v1().jobs().inNamespace("ttg").resource(job).create();
    }

    private Job job() {
        return client.batch().v1().jobs().inNamespace("ttg").withName("ttg-computation").get();
    }

    @Test
    void up_patchesParallelismWithMergePatch() {
        createJob("scale-up", 3);

        Cli.Result result = scale(Map.of(), "--workers", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("job.batch/ttg-computation scaled in namespace ttg:"
                + " parallelism 3 -> 5 (run scale-up)\n");
        assertThat(job().getSpec().getParallelism()).isEqualTo(5);
        assertThat(sent.withMethod("PATCH")).singleElement().satisfies(patch -> {
            assertThat(patch.path())
                    .isEqualTo("/apis/batch/v1/namespaces/ttg/jobs/ttg-computation");
            assertThat(patch.contentType()).startsWith("application/merge-patch+json");
            assertThat(patch.body()).isEqualTo("{\"spec\":{\"parallelism\":5}}");
        });
        assertThat(sent.withMethod("PUT")).isEmpty();
    }

    @Test
    void down_saysPodsHandChunksBack() {
        createJob("scale-down", 3);

        Cli.Result result = scale(Map.of(), "--workers", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("parallelism 3 -> 1 (run scale-down); the Job"
                + " controller stops 2 pods with SIGTERM and their chunks go back to the queue");
        assertThat(job().getSpec().getParallelism()).isEqualTo(1);
    }

    @Test
    void sameParallelism_sendsNoPatch() {
        createJob("scale-same", 2);

        Cli.Result result = scale(Map.of(), "--workers", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("job.batch/ttg-computation unchanged: parallelism is"
                + " already 2");
        assertThat(sent.withMethod("PATCH")).isEmpty();
    }

    @Test
    void withRedisUrl_printsQueueProgress() {
        try (RedisChunkQueue queue = new RedisChunkQueue(RedisConnection.open(redis.url()))) {
            queue.enqueue(WatchCommandTest.spec("scale-progress"));
        }
        createJob("scale-progress", 2);

        Cli.Result result = scale(Map.of("REDIS_URL", redis.url()), "--workers", "4");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\nqueue: QUEUED [..............................]"
                + "   0.0%  0 of 20 parameters; chunks: 0 done, 0 leased, 2 pending, 0 failed");
    }

    @Test
    void missingJob_exitsWith4() {
        Cli.Result result = scale(Map.of(), "--workers", "2");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("ttg-producer: error: job.batch/ttg-computation not"
                + " found in namespace ttg; create it with: ttg-producer deploy\n");
    }

    @Test
    void endedJob_isRejectedWith5() {
        Job job = createJob("scale-ended", 2);
        client.batch().v1().jobs().inNamespace("ttg").resource(new JobBuilder(job)
                .withNewStatus().addNewCondition().withType("Complete").withStatus("True")
                .endCondition().endStatus().build()).updateStatus();

        Cli.Result result = scale(Map.of(), "--workers", "4");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("has already ended (COMPLETE, run scale-ended)");
        assertThat(job().getSpec().getParallelism()).isEqualTo(2);
    }

    @Test
    void zeroWorkers_isUsageError() {
        Cli.Result result = scale(Map.of(), "--workers", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--workers must be at least 1, got 0");
    }
}
