package io.ttg.e2e.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.ttg.producer.kube.JobPlan;
import io.ttg.producer.kube.Milestone;
import io.ttg.producer.kube.WorkerJobs;
import io.ttg.queue.ChunkRange;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import io.ttg.redis.RedisConnection;
import io.ttg.results.ResultCodec;
import io.ttg.testing.TestRedis;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs sweeps under {@link JobController}, a model of the Kubernetes Job controller, with the
 * Job that {@code ttg-producer deploy} creates and local worker processes as its pods. Each run
 * must end with every parameter recorded once, and the Job's outcome must match the queue: a
 * Complete Job with a COMPLETED run, a failed Job with an unfinished one.
 */
class JobControllerTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /** A short grace period keeps a scenario that needs SIGKILL fast; workers stop in less. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private static TestRedis redis;
    private static RedisChunkQueue queue;

    private JobController controller;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
        queue = new RedisChunkQueue(RedisConnection.open(redis.url()));
    }

    @AfterAll
    static void stopRedis() {
        queue.close();
        redis.close();
    }

    @AfterEach
    void stopPods() {
        if (controller != null) {
            controller.close();
        }
    }

    /** Returns a controller for the Job and ConfigMap that deploy creates for the run. */
    private JobController deploy(RunSpec spec, int workers, Map<String, String> overrides,
            Duration grace) {
        JobPlan plan = new JobPlan("ttg", spec, workers, Milestone.M1.resources(),
                WorkerJobs.IMAGE);
        return deploy(plan, WorkerJobs.job(plan), overrides, grace);
    }

    private JobController deploy(JobPlan plan, Job job, Map<String, String> overrides,
            Duration grace) {
        Map<String, String> local = new HashMap<>(Map.of(
                "REDIS_URL", redis.url(),
                "METRICS_PORT", "0",
                "WORKER_THREADS", "1",
                "CHECKPOINT_SECONDS", "0.2",
                "JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
        local.putAll(overrides);
        controller = new JobController(job, WorkerJobs.configMap(plan).getData(), local, grace);
        return controller;
    }

    private static RunSpec spec(String run, long parameters, int chunkSize, long workMillis,
            long leaseMillis) {
        return new RunSpec(run, parameters, chunkSize, "simulate",
                Map.of("work-ms", Long.toString(workMillis)), 3, leaseMillis, true,
                System.currentTimeMillis());
    }

    private static RunStatus status(String run) {
        return queue.status(run).orElseThrow();
    }

    private static void awaitRun(String run, Predicate<RunStatus> condition,
            String description) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!condition.test(status(run))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + run + " never reached: " + description + "; "
                        + status(run));
            }
            Thread.sleep(50);
        }
    }

    /** Checks that the run finished with every index's result stored exactly once. */
    private static void assertEveryParameterRecordedOnce(RunSpec spec) {
        RunStatus status = status(spec.runId());
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.parametersDone()).isEqualTo(spec.totalParameters());
        assertThat(status.done()).isEqualTo(spec.chunkCount());
        assertThat(status.failed()).isZero();
        assertThat(status.pending()).isZero();
        assertThat(status.leased()).isZero();
        List<byte[]> results = queue.results(spec.runId(), 0, (int) spec.chunkCount());
        for (int chunk = 0; chunk < spec.chunkCount(); chunk++) {
            ChunkRange range = spec.range(chunk);
            assertThat(results.get(chunk)).as("results of chunk %d", chunk).isNotNull();
            double[] values = ResultCodec.decode(results.get(chunk));
            assertThat(values).as("results of chunk %d", chunk).hasSize((int) range.size());
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i]).as("result of index %d", range.start() + i)
                        .isEqualTo((double) (range.start() + i));
            }
        }
    }

    private static long exitedWith(List<JobController.LocalPod> pods, int code) {
        return pods.stream().filter(pod -> Integer.valueOf(code).equals(pod.exitCode)).count();
    }

    @Test
    void plainRun_completesWithEveryParameterOnce() throws Exception {
        RunSpec spec = spec("job-plain", 400, 20, 10, 6_000);
        queue.enqueue(spec);

        JobController job = deploy(spec, 3, Map.of(), GRACE).start();

        assertThat(job.awaitEnd(RUN_TIMEOUT)).as(job.describe())
                .isEqualTo(JobController.Outcome.COMPLETE);
        assertEveryParameterRecordedOnce(spec);
        assertThat(job.pods()).as(job.describe()).hasSize(3);
        assertThat(exitedWith(job.pods(), 0)).as(job.describe()).isEqualTo(3);
        assertThat(job.countedFailures()).isZero();
        assertThat(job.maxActive()).isEqualTo(3);
    }

    @Test
    void podDeletedMidChunk_runCompletes() throws Exception {
        // Chunks of 1 s: SIGTERM lands during the last 10 ms index of the victim's chunk, which
        // it then completes instead of handing back, in about 1 % of runs rather than 2 %.
        // NOTE: that window remains, and the assertion on the hand-back below fails inside it.
        RunSpec spec = spec("job-delete", 1_200, 100, 10, 6_000);
        queue.enqueue(spec);
        JobController job = deploy(spec, 3, Map.of(), GRACE).start();
        awaitRun(spec.runId(), status -> status.done() >= 2 && status.leased() == 3,
                "2 chunks done and 3 leased");

        JobController.LocalPod victim = job.activePods().get(0);
        job.deletePod(victim);

        assertThat(job.awaitEnd(RUN_TIMEOUT)).as(job.describe())
                .isEqualTo(JobController.Outcome.COMPLETE);
        assertEveryParameterRecordedOnce(spec);
        assertThat(victim.exitCode).as(victim.stderr()).isEqualTo(143);
        assertThat(victim.stderr()).contains("handed back with its checkpoint");
        assertThat(victim.policyAction).isEqualTo("Ignore");
        assertThat(job.ignoredFailures()).isEqualTo(1);
        assertThat(job.countedFailures()).isZero();
        assertThat(job.pods()).as("a replacement pod started").hasSize(4);
    }

    @Test
    void parallelismThreeOneFive_completesWithinLimits() throws Exception {
        RunSpec spec = spec("job-scale", 900, 30, 10, 6_000);
        queue.enqueue(spec);
        JobController job = deploy(spec, 3, Map.of(), GRACE).start();
        awaitRun(spec.runId(), status -> status.done() >= 3, "3 chunks done");

        job.scale(1);
        awaitRun(spec.runId(), status -> status.leased() <= 1, "at most 1 chunk leased");
        long doneAtOne = status(spec.runId()).done();
        assertThat(job.activePods()).hasSize(1);
        awaitRun(spec.runId(), status -> status.done() >= doneAtOne + 2,
                "2 more chunks done by the one worker");
        assertThat(job.pods()).as(job.describe()).hasSize(3);
        job.scale(5);

        assertThat(job.awaitEnd(RUN_TIMEOUT)).as(job.describe())
                .isEqualTo(JobController.Outcome.COMPLETE);
        assertEveryParameterRecordedOnce(spec);
        assertThat(job.pods()).as(job.describe()).hasSize(7);
        assertThat(exitedWith(job.pods(), 143)).as(job.describe()).isEqualTo(2);
        assertThat(job.ignoredFailures()).isEqualTo(2);
        assertThat(job.countedFailures()).isZero();
        assertThat(job.maxActive()).isEqualTo(5);
        for (JobController.LocalPod pod : job.pods()) {
            if (Integer.valueOf(143).equals(pod.exitCode)) {
                assertThat(pod.stderr()).contains("received a stop signal");
            }
        }
    }

    @Test
    void podKilledAtOnce_countsFailure() throws Exception {
        RunSpec spec = spec("job-kill", 400, 40, 10, 1_000);
        queue.enqueue(spec);
        JobController job = deploy(spec, 2, Map.of(), Duration.ZERO).start();
        awaitRun(spec.runId(), status -> status.done() >= 1 && status.leased() == 2,
                "1 chunk done and 2 leased");

        JobController.LocalPod victim = job.activePods().get(0);
        job.deletePod(victim);

        assertThat(job.awaitEnd(RUN_TIMEOUT)).as(job.describe())
                .isEqualTo(JobController.Outcome.COMPLETE);
        assertEveryParameterRecordedOnce(spec);
        assertThat(victim.exitCode).isEqualTo(137);
        assertThat(job.countedFailures()).isEqualTo(1);
        assertThat(status(spec.runId()).redelivered()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void invalidRedisUrl_failsJob() throws Exception {
        RunSpec spec = spec("job-usage", 100, 10, 0, 6_000);
        queue.enqueue(spec);

        JobController job = deploy(spec, 3, Map.of("REDIS_URL", "http://127.0.0.1:1"), GRACE)
                .start();

        assertThat(job.awaitEnd(RUN_TIMEOUT)).as(job.describe())
                .isEqualTo(JobController.Outcome.FAILED);
        assertThat(job.reason()).startsWith("PodFailurePolicy: container worker of");
        assertThat(job.reason()).endsWith("exited with 2");
        assertThat(status(spec.runId()).state()).isEqualTo(RunState.QUEUED);
    }

    @Test
    void missingRun_exceedsBackoffLimitAndFails() throws Exception {
        RunSpec spec = spec("job-missing", 100, 10, 0, 6_000);
        JobPlan plan = new JobPlan("ttg", spec, 3, Milestone.M1.resources(), WorkerJobs.IMAGE);
        // A backoffLimit of 2 instead of deploy's 6 keeps the scenario to one round of pods.
        Job job = new JobBuilder(WorkerJobs.job(plan)).editSpec().withBackoffLimit(2).endSpec()
                .build();

        JobController controller = deploy(plan, job, Map.of("WAIT_SECONDS", "0"), GRACE).start();

        assertThat(controller.awaitEnd(RUN_TIMEOUT)).as(controller.describe())
                .isEqualTo(JobController.Outcome.FAILED);
        assertThat(controller.reason()).isEqualTo("BackoffLimitExceeded: 3 failed pods,"
                + " backoffLimit 2");
        assertThat(controller.countedFailures()).isEqualTo(3);
        assertThat(exitedWith(controller.pods(), 4)).isGreaterThanOrEqualTo(3);
        assertThat(queue.status(spec.runId())).isEmpty();
    }
}
