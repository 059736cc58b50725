package io.ttg.queue;

/**
 * A worker's exclusive, time-limited claim on one chunk. The token fences the chunk: completing,
 * failing, renewing or handing back a chunk succeeds only with the token of its current lease.
 *
 * @param runId the run the chunk belongs to
 * @param range the chunk's indices
 * @param token the lease token, unique within the run and across its re-creations
 * @param attempt the number of times the chunk has been claimed, this claim included
 * @param deadlineMillis when the lease expires, in the broker's clock (epoch milliseconds)
 * @param checkpoint progress saved by an earlier attempt, or {@link Checkpoint#NONE}
 */
public record Lease(
        String runId,
        ChunkRange range,
        long token,
        int attempt,
        long deadlineMillis,
        Checkpoint checkpoint) {}
