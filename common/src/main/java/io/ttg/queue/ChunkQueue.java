package io.ttg.queue;

import java.util.List;
import java.util.Optional;

/**
 * The chunk protocol shared by the Redis broker and the embedded one. {@link RedisChunkQueue}
 * explains the states of a chunk and the invariants; both implementations pass the same
 * contract tests.
 *
 * <p>Every method is safe to call from several threads. Calls that report on a lease return
 * {@link Outcome#LEASE_LOST} instead of writing anything when the caller no longer holds it.
 */
public interface ChunkQueue extends AutoCloseable {

    /**
     * Stores the run's spec and puts its chunks on the queue. Calling it again with the same work
     * changes nothing, and finishes pushing the chunks if an earlier call stopped halfway.
     *
     * @throws io.ttg.RunConflictException if the run id names a spec with different work
     */
    EnqueueResult enqueue(RunSpec spec);

    /** Returns the run's spec, or empty if no run has that id. */
    Optional<RunSpec> findSpec(String runId);

    /** Leases the next pending chunk to {@code workerId}, after re-queueing expired leases. */
    ClaimResult claim(RunSpec spec, String workerId);

    /** Extends a lease by the run's lease length; returns false if the lease was lost. */
    boolean renew(Lease lease);

    /** Saves progress inside a chunk and renews its lease; returns false if the lease was lost. */
    boolean checkpoint(Lease lease, Checkpoint checkpoint);

    /** Records a chunk as done, once, with its aggregate and results. */
    Outcome complete(Lease lease, ChunkOutput output);

    /** Reports that the computation failed on a chunk; it is retried or parked as failed. */
    Outcome fail(Lease lease, String error);

    /** Hands a chunk back to the queue at once, keeping {@code checkpoint} for the next claim. */
    Outcome handBack(Lease lease, Checkpoint checkpoint);

    /** Returns the run's progress, or empty if no run has that id. */
    Optional<RunStatus> status(String runId);

    /** Returns the partial aggregate JSON of every done chunk, in no particular order. */
    List<String> partialAggregates(String runId);

    /**
     * Returns the encoded results of chunks {@code first} to {@code first + count - 1}; an entry
     * is null where a chunk has no saved results.
     */
    List<byte[]> results(String runId, long first, int count);

    /**
     * Removes every key of the run, whatever its state; workers still on it exit with "run
     * vanished". Returns whether the run existed.
     */
    boolean delete(String runId);

    /** Puts the run's failed chunks back on the queue; returns how many. */
    long retryFailed(String runId);

    @Override
    void close();
}
