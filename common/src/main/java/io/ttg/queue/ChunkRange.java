package io.ttg.queue;

/**
 * The half-open range of parameter indices {@code [start, end)} of one chunk.
 *
 * @param chunk the chunk's number, counting from 0
 * @param start the first index of the chunk
 * @param end one past the last index of the chunk
 */
public record ChunkRange(long chunk, long start, long end) {
    public ChunkRange {
        if (chunk < 0 || start < 0 || end <= start) {
            throw new IllegalArgumentException(
                    "invalid chunk range: chunk=" + chunk + " [" + start + ", " + end + ")");
        }
    }

    /** Returns the number of parameters in the chunk. */
    public long size() {
        return end - start;
    }

    @Override
    public String toString() {
        return "chunk " + chunk + " [" + start + ", " + end + ")";
    }
}
