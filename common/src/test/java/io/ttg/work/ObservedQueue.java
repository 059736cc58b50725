package io.ttg.work;

import io.ttg.queue.Checkpoint;
import io.ttg.queue.ChunkOutput;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.ClaimResult;
import io.ttg.queue.EnqueueResult;
import io.ttg.queue.Lease;
import io.ttg.queue.Outcome;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChunkQueue} that passes every call to another one and records what workers did, so
 * that tests can wait for an event instead of sleeping.
 */
final class ObservedQueue implements ChunkQueue {
    private final ChunkQueue delegate;

    /** How many times each chunk was completed with outcome DONE. */
    final Map<Long, Integer> completions = new ConcurrentHashMap<>();
    /** Checkpoints that the broker accepted. */
    final AtomicInteger checkpoints = new AtomicInteger();
    /** The result of every renewal, in order. */
    final BlockingQueue<Boolean> renewals = new LinkedBlockingQueue<>();
    /** Opens when a claim first finds nothing pending. */
    final CountDownLatch emptyClaim = new CountDownLatch(1);
    /** When set, every renewal throws it instead of reaching the broker. */
    volatile RuntimeException renewalFailure;

    ObservedQueue(ChunkQueue delegate) {
        this.delegate = delegate;
    }

    @Override
    public EnqueueResult enqueue(RunSpec spec) {
        return delegate.enqueue(spec);
    }

    @Override
    public Optional<RunSpec> findSpec(String runId) {
        return delegate.findSpec(runId);
    }

    @Override
    public ClaimResult claim(RunSpec spec, String workerId) {
        ClaimResult result = delegate.claim(spec, workerId);
        if (result instanceof ClaimResult.Empty) {
            emptyClaim.countDown();
        }
        return result;
    }

    @Override
    public boolean renew(Lease lease) {
        RuntimeException failure = renewalFailure;
        if (failure != null) {
            throw failure;
        }
        boolean renewed = delegate.renew(lease);
        renewals.add(renewed);
        return renewed;
    }

    @Override
    public boolean checkpoint(Lease lease, Checkpoint checkpoint) {
        boolean saved = delegate.checkpoint(lease, checkpoint);
        if (saved) {
            checkpoints.incrementAndGet();
        }
        return saved;
    }

    @Override
    public Outcome complete(Lease lease, ChunkOutput output) {
        Outcome outcome = delegate.complete(lease, output);
        if (outcome == Outcome.DONE) {
            completions.merge(lease.range().chunk(), 1, Integer::sum);
        }
        return outcome;
    }

    @Override
    public Outcome fail(Lease lease, String error) {
        return delegate.fail(lease, error);
    }

    @Override
    public Outcome handBack(Lease lease, Checkpoint checkpoint) {
        return delegate.handBack(lease, checkpoint);
    }

    @Override
    public Optional<RunStatus> status(String runId) {
        return delegate.status(runId);
    }

    @Override
    public List<String> partialAggregates(String runId) {
        return delegate.partialAggregates(runId);
    }

    @Override
    public List<byte[]> results(String runId, long first, int count) {
        return delegate.results(runId, first, count);
    }

    @Override
    public boolean delete(String runId) {
        return delegate.delete(runId);
    }

    @Override
    public long retryFailed(String runId) {
        return delegate.retryFailed(runId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
