package io.ttg.queue;

/**
 * A chunk parked after its maximum number of attempts.
 *
 * @param range the chunk's indices
 * @param attempts how many times it was claimed
 * @param error the last error, such as a computation's exception or an expired lease
 */
public record FailedChunk(ChunkRange range, int attempts, String error) {}
