package io.ttg.queue;

/**
 * The outcome of {@link ChunkQueue#enqueue}.
 *
 * @param created whether this call created the run; false if the same spec was already there
 * @param chunksPushed how many chunks this call put on the queue
 * @param chunkCount how many chunks the run has in all
 */
public record EnqueueResult(boolean created, long chunksPushed, long chunkCount) {}
