package io.ttg.work;

import io.micrometer.core.instrument.MeterRegistry;
import io.ttg.RunNotFoundException;
import io.ttg.TtgException;
import io.ttg.compute.Computation;
import io.ttg.compute.Computations;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.ClaimResult;
import io.ttg.queue.RunSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls chunks of one run from a {@link ChunkQueue} and computes them on several threads until
 * the run is finished: every chunk done or failed, none pending or leased. While other workers
 * still hold leases it waits, and takes their chunks over if those leases expire.
 *
 * <p>{@link #requestStop()} makes every thread hand its chunk back with a checkpoint and return.
 */
public final class Worker {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final long IDLE_FIRST_MILLIS = 50;
    private static final long IDLE_MAX_MILLIS = 1_000;

    private final ChunkQueue queue;
    private final String runId;
    private final WorkerSettings settings;
    private final MeterRegistry registry;
    private final AtomicLong parameters = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong handedBack = new AtomicLong();
    private volatile boolean stopping;
    private volatile long startNanos;

    public Worker(ChunkQueue queue, String runId, WorkerSettings settings,
            MeterRegistry registry) {
        RunSpec.validateRunId(runId);
        this.queue = queue;
        this.runId = runId;
        this.settings = settings;
        this.registry = registry;
    }

    /** Asks the worker to stop claiming and hand back its chunks; {@link #run()} then returns. */
    public void requestStop() {
        stopping = true;
    }

    /**
     * Processes chunks until the run is finished or {@link #requestStop()} is called.
     *
     * @throws RunNotFoundException if the run does not appear within the wait, or vanishes
     * @throws io.ttg.BrokerUnavailableException if Redis stays unreachable past the limit
     */
    public WorkerReport run() {
        startNanos = System.nanoTime();
        WorkerMetrics metrics = new WorkerMetrics(registry, runId);
        BrokerRetry retry = new BrokerRetry(settings.workerId(), settings.outageLimit(),
                () -> stopping, metrics.redisErrors::increment);
        Optional<RunSpec> found = awaitSpec(retry);
        if (found.isEmpty()) {
            return report();
        }
        RunSpec spec = found.get();
        Computation computation = Computations.create(spec.computation(), spec.options());
        log.info("worker={} run={} started: computation={} parameters={} chunks={} threads={}",
                settings.workerId(), runId, spec.computation(), spec.totalParameters(),
                spec.chunkCount(), settings.threads());
        try (LeaseKeeper keeper = new LeaseKeeper(queue, spec.leaseMillis(), metrics,
                settings.workerId())) {
            ChunkTask task = new ChunkTask(computation, spec, queue, settings, retry,
                    () -> stopping);
            runThreads(() -> pullChunks(spec, task, keeper, retry, metrics));
        }
        return report();
    }

    private Optional<RunSpec> awaitSpec(BrokerRetry retry) {
        long deadline = System.nanoTime() + settings.waitForRun().toNanos();
        boolean logged = false;
        while (!stopping) {
            Optional<RunSpec> spec = retry.call("reading the run's spec",
                    () -> queue.findSpec(runId));
            if (spec != null && spec.isPresent()) {
                return spec;
            }
            if (System.nanoTime() > deadline) {
                throw new RunNotFoundException(runId, "run '" + runId + "' was not found in"
                        + " the broker within " + settings.waitForRun().toSeconds() + " s; enqueue"
                        + " it with ttg-producer enqueue --run " + runId + " or check REDIS_URL");
            }
            if (!logged) {
                log.info("worker={} run={} does not exist yet; waiting up to {} s for the"
                        + " producer to enqueue it", settings.workerId(), runId,
                        settings.waitForRun().toSeconds());
                logged = true;
            }
            sleep(500);
        }
        return Optional.empty();
    }

    private void runThreads(Runnable body) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable);
            thread.setName("ttg-compute-" + thread.getId());
            return thread;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            futures.add(pool.submit(body));
        }
        pool.shutdown();
        RuntimeException first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                stopping = true;
                if (first == null) {
                    first = asRuntime(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException asRuntime(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private void pullChunks(RunSpec spec, ChunkTask task, LeaseKeeper keeper, BrokerRetry retry,
            WorkerMetrics metrics) {
        long idle = IDLE_FIRST_MILLIS;
        while (!stopping) {
            ClaimResult claim = retry.call("claiming a chunk",
                    () -> queue.claim(spec, settings.workerId()));
            if (claim == null) {
                return;
            }
            if (claim instanceof ClaimResult.Leased leased) {
                idle = IDLE_FIRST_MILLIS;
                process(task, keeper, leased, retry, metrics);
            } else if (claim instanceof ClaimResult.Empty empty) {
                if (empty.finished()) {
                    return;
                }
                sleep(idle);
                idle = Math.min(IDLE_MAX_MILLIS, idle * 2);
            } else {
                throw vanished();
            }
        }
    }

    private RunNotFoundException vanished() {
        return new RunNotFoundException(runId, "run '" + runId + "' vanished from the"
                + " broker while workers were running: Redis lost its data (restarted"
                + " without persistence, or the keys were deleted). Re-run the enqueue"
                + " command to re-create the work");
    }

    private void process(ChunkTask task, LeaseKeeper keeper, ClaimResult.Leased leased,
            BrokerRetry retry, WorkerMetrics metrics) {
        if (leased.lease().attempt() > 1) {
            metrics.redelivered.increment();
        }
        ActiveChunk active = keeper.track(leased.lease());
        long begin = System.nanoTime();
        ChunkTask.Result result;
        try {
            result = task.process(active);
        } catch (TtgException e) {
            log.warn("run={} chunk={} worker={} left to expire: {}", runId,
                    leased.lease().range().chunk(), settings.workerId(), e.getMessage());
            result = ChunkTask.Result.ABANDONED;
        } finally {
            keeper.untrack(active);
        }
        metrics.chunkDuration.record(Duration.ofNanos(System.nanoTime() - begin));
        if (result == ChunkTask.Result.LEASE_LOST && runVanished(retry)) {
            throw vanished();
        }
        record(leased, result, metrics);
    }

    /**
     * Returns whether the run's spec is gone. A lease is also lost when Redis lost the whole run,
     * and then "the lease expired" would send the reader after the wrong cause.
     */
    private boolean runVanished(BrokerRetry retry) {
        Optional<RunSpec> spec = retry.call("checking that the run exists",
                () -> queue.findSpec(runId));
        return spec != null && spec.isEmpty();
    }

    private void record(ClaimResult.Leased leased, ChunkTask.Result result,
            WorkerMetrics metrics) {
        long chunk = leased.lease().range().chunk();
        switch (result) {
            case COMPLETED -> {
                long size = leased.lease().range().size();
                long total = parameters.addAndGet(size);
                long count = chunks.incrementAndGet();
                metrics.parameters.increment(size);
                metrics.chunks.increment();
                log.info("run={} chunk={} worker={} done; this worker: {} parameters in {}"
                        + " chunks, {} parameters/s", runId, chunk, settings.workerId(), total,
                        count, Math.round(report().throughputPerSecond()));
            }
            case FAILED -> {
                failed.incrementAndGet();
                metrics.failed.increment();
                log.warn("run={} chunk={} worker={} attempt={} computation failed; see status"
                        + " for the error", runId, chunk, settings.workerId(),
                        leased.lease().attempt());
            }
            case LEASE_LOST -> {
                lost.incrementAndGet();
                metrics.leasesLost.increment();
                log.warn("run={} chunk={} worker={} result rejected: the lease expired and the"
                        + " chunk went to another worker", runId, chunk, settings.workerId());
            }
            case HANDED_BACK -> {
                handedBack.incrementAndGet();
                metrics.handedBack.increment();
                log.info("run={} chunk={} worker={} handed back with its checkpoint", runId,
                        chunk, settings.workerId());
            }
            case ABANDONED -> log.debug("run={} chunk={} worker={} abandoned", runId, chunk,
                    settings.workerId());
        }
    }

    /** Returns what this worker has done so far. */
    public WorkerReport report() {
        long started = startNanos == 0 ? System.nanoTime() : startNanos;
        return new WorkerReport(parameters.get(), chunks.get(), failed.get(), lost.get(),
                handedBack.get(), Duration.ofNanos(System.nanoTime() - started), stopping);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
