package io.ttg.work;

import io.ttg.compute.Aggregate;
import io.ttg.compute.Computation;
import io.ttg.queue.Checkpoint;
import io.ttg.queue.ChunkOutput;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.ChunkRange;
import io.ttg.queue.Lease;
import io.ttg.queue.Outcome;
import io.ttg.queue.RunSpec;
import io.ttg.results.ResultCodec;
import java.util.function.BooleanSupplier;

/**
 * Computes one leased chunk: resumes from its checkpoint, evaluates every remaining index, saves
 * checkpoints on the way, and reports the chunk as done, failed or handed back.
 */
final class ChunkTask {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChunkTask.class);
    /** The end of a chunk for this worker. */
    enum Result { COMPLETED, FAILED, LEASE_LOST, HANDED_BACK, ABANDONED }

    private static final long CLOCK_CHECK_MILLIS = 10;
    private static final int MAX_STRIDE = 1024;

    private final Computation computation;
    private final RunSpec spec;
    private final ChunkQueue queue;
    private final WorkerSettings settings;
    private final BrokerRetry retry;
    private final BooleanSupplier stopping;

    ChunkTask(Computation computation, RunSpec spec, ChunkQueue queue, WorkerSettings settings,
            BrokerRetry retry, BooleanSupplier stopping) {
        this.computation = computation;
        this.spec = spec;
        this.queue = queue;
        this.settings = settings;
        this.retry = retry;
        this.stopping = stopping;
    }

    /** Per-chunk state that the evaluation loop updates. */
    private final class Progress {
        final ActiveChunk active;
        final ChunkRange range;
        final Aggregate aggregate = computation.newAggregate();
        final double[] values;
        long next;
        long lastCheckpointNanos = System.nanoTime();
        long lastCheckpointIndex;

        Progress(ActiveChunk active) {
            this.active = active;
            this.range = active.lease.range();
            this.values = spec.saveOutput() ? new double[(int) range.size()] : null;
            this.next = range.start();
            resume(active.lease.checkpoint());
            this.lastCheckpointIndex = next;
        }

        private void resume(Checkpoint checkpoint) {
            if (!checkpoint.exists() || checkpoint.nextIndex() <= range.start()
                    || checkpoint.nextIndex() > range.end()) {
                return;
            }
            try {
                Aggregate saved = computation.newAggregate();
                saved.mergeJson(checkpoint.aggregate());
                if (values != null) {
                    double[] results = ResultCodec.decode(checkpoint.results());
                    System.arraycopy(results, 0, values, 0, results.length);
                }
                aggregate.mergeJson(checkpoint.aggregate());
                next = checkpoint.nextIndex();
            } catch (RuntimeException e) {
                log.warn("run={} chunk={} checkpoint unreadable, starting the chunk over: {}",
                        spec.runId(), range.chunk(), e.toString());
            }
        }

        Checkpoint checkpoint() {
            int count = (int) (next - range.start());
            byte[] results = values == null ? new byte[0] : ResultCodec.encode(values, count);
            return new Checkpoint(next, aggregate.toJson(), results);
        }
    }

    Result process(ActiveChunk active) {
        Progress progress = new Progress(active);
        Result early = evaluate(progress);
        return early != null ? early : complete(progress);
    }

    /**
     * Runs the evaluation loop; returns null when every index is done. An exception or a
     * non-fatal error from the computation fails the chunk with the index it occurred at; the
     * JVM's own errors such as OutOfMemoryError end the worker. The clock is read about every
     * 10 ms, so a time-based checkpoint may come up to that much late; a count-based one comes
     * exactly every {@link WorkerSettings#checkpointParameters()} parameters.
     */
    private Result evaluate(Progress progress) {
        int stride = 1;
        int sinceCheck = 0;
        long lastCheckNanos = System.nanoTime();
        long end = progress.range.end();
        long start = progress.range.start();
        long index = progress.next;
        try {
            for (; index < end; index++) {
                if (stopping.getAsBoolean()) {
                    progress.next = index;
                    return handBack(progress);
                }
                if (progress.active.isLost()) {
                    return Result.LEASE_LOST;
                }
                double value = computation.evaluate(index);
                progress.aggregate.add(index, value);
                if (progress.values != null) {
                    progress.values[(int) (index - start)] = value;
                }
                progress.next = index + 1;
                boolean due = countDue(progress);
                if (++sinceCheck >= stride) {
                    long now = System.nanoTime();
                    stride = adjustStride(stride, now - lastCheckNanos);
                    sinceCheck = 0;
                    lastCheckNanos = now;
                    due = due || now - progress.lastCheckpointNanos
                            >= settings.checkpointEvery().toNanos();
                }
                if (due && !saveCheckpoint(progress, System.nanoTime())) {
                    return Result.LEASE_LOST;
                }
            }
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            if (e instanceof io.ttg.TtgException) {
                throw e;
            }
            return reportFailure(progress.active.lease, index, e);
        }
        progress.next = end;
        return null;
    }

    /** Checks the clock about every 10 ms, whatever one evaluation costs. */
    private static int adjustStride(int stride, long elapsedNanos) {
        if (elapsedNanos > CLOCK_CHECK_MILLIS * 1_000_000) {
            return Math.max(1, stride / 2);
        }
        return Math.min(MAX_STRIDE, stride * 2);
    }

    private boolean countDue(Progress progress) {
        long byCount = settings.checkpointParameters();
        return byCount > 0 && progress.next - progress.lastCheckpointIndex >= byCount
                && progress.next < progress.range.end();
    }

    private boolean saveCheckpoint(Progress progress, long now) {
        Checkpoint checkpoint = progress.checkpoint();
        Boolean kept = retry.call("saving a checkpoint",
                () -> queue.checkpoint(progress.active.lease, checkpoint));
        progress.lastCheckpointNanos = now;
        progress.lastCheckpointIndex = progress.next;
        if (Boolean.FALSE.equals(kept)) {
            progress.active.markLost();
            return false;
        }
        return true;
    }

    private Result handBack(Progress progress) {
        Checkpoint checkpoint = progress.checkpoint();
        Outcome outcome = queue.handBack(progress.active.lease, checkpoint);
        return outcome == Outcome.REQUEUED ? Result.HANDED_BACK : Result.LEASE_LOST;
    }

    private Result complete(Progress progress) {
        int count = (int) progress.range.size();
        byte[] results = progress.values == null ? new byte[0]
                : ResultCodec.encode(progress.values, count);
        ChunkOutput output = new ChunkOutput(progress.aggregate.toJson(), results);
        Outcome outcome = retry.call("completing " + progress.range,
                () -> queue.complete(progress.active.lease, output));
        if (outcome == null) {
            return Result.ABANDONED;
        }
        return outcome == Outcome.DONE ? Result.COMPLETED : Result.LEASE_LOST;
    }

    private Result reportFailure(Lease lease, long index, Throwable error) {
        String text = "index " + index + ": " + error;
        Outcome outcome = retry.call("reporting a failure on " + lease.range(),
                () -> queue.fail(lease, text));
        if (outcome == null) {
            return Result.ABANDONED;
        }
        return outcome == Outcome.LEASE_LOST ? Result.LEASE_LOST : Result.FAILED;
    }
}
