package io.ttg.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ttg.ExitCodes;
import io.ttg.RunNotFoundException;
import io.ttg.compute.Computations;
import io.ttg.compute.CountAggregate;
import io.ttg.compute.SumAggregate;
import io.ttg.queue.Checkpoint;
import io.ttg.queue.ChunkRange;
import io.ttg.queue.ClaimResult;
import io.ttg.queue.FailedChunk;
import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.Lease;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import io.ttg.results.ResultCodec;
import io.ttg.testing.ProbeComputation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTest {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final ObservedQueue queue = new ObservedQueue(new InMemoryChunkQueue());
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        queue.close();
    }

    private static String newRunId() {
        return "worker-test-" + RUNS.incrementAndGet();
    }

    static WorkerSettings settings(String workerId, int threads) {
        return new WorkerSettings(workerId, threads, Duration.ofSeconds(5), 0,
                Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private Worker worker(String runId, WorkerSettings settings) {
        return new Worker(queue, runId, settings, new SimpleMeterRegistry());
    }

    private Future<WorkerReport> start(Worker worker) {
        return pool.submit(worker::run);
    }

    private static RunSpec probeSpec(String runId, long parameters, int chunkSize,
            Map<String, String> options, boolean saveOutput) {
        return new RunSpec(runId, parameters, chunkSize, ProbeComputation.NAME, options, 3,
                30_000, saveOutput, 0);
    }

    private SumAggregate mergedSum(String runId) {
        SumAggregate total = new SumAggregate();
        queue.partialAggregates(runId).forEach(total::mergeJson);
        return total;
    }

    private Lease claim(RunSpec spec) {
        return ((ClaimResult.Leased) queue.claim(spec, "test")).lease();
    }

    @Test
    void run_threeWorkers_completeEachChunkOnce() throws Exception {
        String runId = newRunId();
        queue.enqueue(new RunSpec(runId, 200_000, 10_000, "primes", Map.of(), 3, 30_000, false,
                0));
        List<Future<WorkerReport>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(start(worker(runId, settings("w" + i, 2))));
        }

        List<WorkerReport> reports = new ArrayList<>();
        for (Future<WorkerReport> run : runs) {
            reports.add(run.get(60, TimeUnit.SECONDS));
        }

        RunStatus status = queue.status(runId).orElseThrow();
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.parametersDone()).isEqualTo(200_000);
        assertThat(queue.completions).hasSize(20);
        assertThat(queue.completions.values()).containsOnly(1);
        assertThat(reports.stream().mapToLong(WorkerReport::chunks).sum()).isEqualTo(20);
        assertThat(reports.stream().mapToLong(WorkerReport::lostLeases).sum()).isZero();
        assertThat(reports).noneMatch(WorkerReport::stopped);
        CountAggregate primes = (CountAggregate) Computations.merge(
                Computations.create("primes", Map.of()), queue.partialAggregates(runId));
        assertThat(primes.count()).isEqualTo(17_984);
    }

    @Test
    void requestStop_midChunk_nextWorkerResumes() throws Exception {
        String runId = newRunId();
        ProbeComputation.Probe probe = ProbeComputation.register(runId);
        long parameters = 1_000;
        int chunkSize = 500;
        queue.enqueue(probeSpec(runId, parameters, chunkSize,
                Map.of("probe", runId, "pause-at", "100"), false));
        Worker first = worker(runId, settings("first", 1));
        Future<WorkerReport> firstRun = start(first);
        assertThat(probe.awaitPause(Duration.ofSeconds(10))).isTrue();

        first.requestStop();
        probe.release();
        WorkerReport stopped = firstRun.get(10, TimeUnit.SECONDS);
        RunStatus afterStop = queue.status(runId).orElseThrow();
        WorkerReport resumed = start(worker(runId, settings("second", 1)))
                .get(30, TimeUnit.SECONDS);

        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.handedBack()).isEqualTo(1);
        assertThat(stopped.chunks()).isZero();
        assertThat(afterStop.pending()).isEqualTo(2);
        assertThat(afterStop.leased()).isZero();
        assertThat(resumed.chunks()).isEqualTo(2);
        assertThat(queue.status(runId).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
        assertThat(probe.evaluations()).isLessThan(parameters + chunkSize);
        SumAggregate total = mergedSum(runId);
        assertThat(total.count()).isEqualTo(parameters);
        assertThat(total.sum()).isEqualTo(parameters * (parameters - 1) / 2.0);
    }

    @Test
    void run_computationThrows_parksChunk() throws Exception {
        String runId = newRunId();
        queue.enqueue(probeSpec(runId, 3_000, 1_000, Map.of("fail-at", "1234"), false));

        WorkerReport report = start(worker(runId, settings("w1", 2))).get(30, TimeUnit.SECONDS);

        RunStatus status = queue.status(runId).orElseThrow();
        assertThat(status.state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);
        assertThat(status.failures()).containsExactly(new FailedChunk(
                new ChunkRange(1, 1_000, 2_000), 3,
                "index 1234: java.lang.IllegalStateException: probe failure at index 1234"));
        assertThat(status.parametersDone()).isEqualTo(2_000);
        assertThat(report.failedChunks()).isEqualTo(3);
        assertThat(report.chunks()).isEqualTo(2);
        assertThat(report.stopped()).isFalse();
    }

    @Test
    void run_runNeverEnqueued_throwsRunNotFound() {
        WorkerSettings settings = new WorkerSettings("w1", 1, Duration.ofSeconds(5), 0,
                Duration.ofSeconds(1), Duration.ofSeconds(30));
        Worker worker = worker("never-enqueued", settings);
        long start = System.nanoTime();

        RunNotFoundException error = catchThrowableOfType(RunNotFoundException.class,
                worker::run);

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(error).hasMessage("run 'never-enqueued' was not found in the broker within"
                + " 1 s; enqueue it with ttg-producer enqueue --run never-enqueued or check"
                + " REDIS_URL");
        assertThat(error.runId()).isEqualTo("never-enqueued");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.RUN_NOT_FOUND);
    }

    @Test
    void run_runDeletedMidChunk_throwsRunNotFound() throws Exception {
        String runId = newRunId();
        ProbeComputation.Probe probe = ProbeComputation.register(runId);
        queue.enqueue(probeSpec(runId, 100, 50, Map.of("probe", runId, "pause-at", "10"),
                false));
        Future<WorkerReport> run = start(worker(runId, settings("w1", 1)));
        assertThat(probe.awaitPause(Duration.ofSeconds(10))).isTrue();

        queue.delete(runId);
        probe.release();

        RunNotFoundException error = catchThrowableOfType(RunNotFoundException.class,
                () -> rethrowCause(run));
        assertThat(error).hasMessage("run '" + runId + "' vanished from the broker while workers"
                + " were running: Redis lost its data (restarted without persistence, or the"
                + " keys were deleted). Re-run the enqueue command to re-create the work");
    }

    private static void rethrowCause(Future<WorkerReport> run) throws Exception {
        try {
            run.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void requestStop_whileIdle_returnsStopped() throws Exception {
        String runId = newRunId();
        RunSpec spec = probeSpec(runId, 10, 10, Map.of(), false);
        queue.enqueue(spec);
        claim(spec);
        Worker worker = worker(runId, settings("w1", 1));
        Future<WorkerReport> run = start(worker);
        assertThat(queue.emptyClaim.await(10, TimeUnit.SECONDS)).isTrue();

        worker.requestStop();
        WorkerReport report = run.get(10, TimeUnit.SECONDS);

        assertThat(report.stopped()).isTrue();
        assertThat(report.chunks()).isZero();
        assertThat(queue.status(runId).orElseThrow().leased()).isEqualTo(1);
    }

    @Test
    void run_checkpointWithResults_keepsThem() throws Exception {
        String runId = newRunId();
        ProbeComputation.Probe probe = ProbeComputation.register(runId);
        RunSpec spec = probeSpec(runId, 100, 100, Map.of("probe", runId), true);
        queue.enqueue(spec);
        double[] saved = new double[40];
        Arrays.fill(saved, -1);
        queue.handBack(claim(spec), new Checkpoint(40, "{\"count\":40,\"sum\":-40.0}",
                ResultCodec.encode(saved, saved.length)));

        start(worker(runId, settings("w1", 1))).get(30, TimeUnit.SECONDS);

        double[] results = ResultCodec.decode(queue.results(runId, 0, 1).get(0));
        double[] expected = new double[100];
        Arrays.setAll(expected, i -> i < 40 ? -1 : i);
        assertThat(results).containsExactly(expected);
        assertThat(probe.evaluations()).isEqualTo(60);
        SumAggregate total = mergedSum(runId);
        assertThat(total.count()).isEqualTo(100);
        assertThat(total.sum()).isEqualTo(-40 + (40 + 99) * 60 / 2.0);
    }

    @Test
    void run_checkpointOutsideChunk_recomputesWholeChunk() throws Exception {
        String runId = newRunId();
        ProbeComputation.Probe probe = ProbeComputation.register(runId);
        RunSpec spec = probeSpec(runId, 200, 100, Map.of("probe", runId), false);
        queue.enqueue(spec);
        queue.handBack(claim(spec), new Checkpoint(150, "{\"count\":1,\"sum\":1.0}",
                new byte[0]));

        start(worker(runId, settings("w1", 1))).get(30, TimeUnit.SECONDS);

        assertThat(probe.evaluations()).isEqualTo(200);
        SumAggregate total = mergedSum(runId);
        assertThat(total.count()).isEqualTo(200);
        assertThat(total.sum()).isEqualTo(199 * 200 / 2.0);
    }

    @Test
    void run_checkpointParametersSet_savesCheckpointsInsideChunk() throws Exception {
        String runId = newRunId();
        queue.enqueue(probeSpec(runId, 5_000, 5_000, Map.of(), false));
        WorkerSettings settings = new WorkerSettings("w1", 1, Duration.ofMinutes(5), 10,
                Duration.ofSeconds(5), Duration.ofSeconds(30));

        start(worker(runId, settings)).get(30, TimeUnit.SECONDS);

        assertThat(queue.checkpoints.get()).isPositive();
        assertThat(queue.status(runId).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void run_completedChunks_areCountedInMetrics() throws Exception {
        String runId = newRunId();
        queue.enqueue(new RunSpec(runId, 1_000, 100, "primes", Map.of(), 3, 30_000, false, 0));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        WorkerReport report = pool.submit(new Worker(queue, runId, settings("w1", 2),
                registry)::run).get(30, TimeUnit.SECONDS);

        assertThat(report.chunks()).isEqualTo(10);
        assertThat(report.parameters()).isEqualTo(1_000);
        assertThat(registry.get(WorkerMetrics.CHUNKS_COMPLETED).tag(WorkerMetrics.TAG_RUN, runId)
                .counter().count()).isEqualTo(10.0);
        assertThat(registry.get(WorkerMetrics.PARAMETERS_COMPLETED).counter().count())
                .isEqualTo(1_000.0);
        assertThat(registry.get(WorkerMetrics.CHUNK_DURATION).timer().count()).isEqualTo(10);
        assertThat(registry.get(WorkerMetrics.CHUNKS_FAILED).counter().count()).isZero();
    }

    @Test
    void report_throughput_isParametersPerSecond() {
        WorkerReport report = new WorkerReport(5_000, 5, 0, 0, 0, Duration.ofSeconds(2), false);

        assertThat(report.throughputPerSecond()).isEqualTo(2_500.0);
    }

    @Test
    void report_zeroDuration_countsAsOneMillisecond() {
        WorkerReport report = new WorkerReport(5, 1, 0, 0, 0, Duration.ZERO, false);

        assertThat(report.throughputPerSecond()).isEqualTo(5_000.0);
    }
}
