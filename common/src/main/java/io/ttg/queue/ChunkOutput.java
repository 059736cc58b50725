package io.ttg.queue;

/**
 * A worker's report on a finished chunk.
 *
 * @param aggregate the chunk's partial aggregate as JSON
 * @param results the chunk's encoded per-index results, or an empty array when output is not saved
 */
public record ChunkOutput(String aggregate, byte[] results) {}
