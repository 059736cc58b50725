package io.ttg.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Progress inside a chunk, saved while it is computed so that a later attempt resumes at
 * {@code nextIndex} instead of at the chunk's start.
 *
 * @param nextIndex the first index not yet computed
 * @param aggregate the chunk's partial aggregate up to {@code nextIndex}, as JSON
 * @param results the encoded results from the chunk's start up to {@code nextIndex}, or empty
 */
public record Checkpoint(long nextIndex, String aggregate, byte[] results) {
    /** No saved progress. */
    public static final Checkpoint NONE = new Checkpoint(-1, "", new byte[0]);

    /** Returns whether this checkpoint contains progress. */
    public boolean exists() {
        return nextIndex >= 0;
    }

    /** Encodes the checkpoint as: next index (8 bytes), aggregate length (4), aggregate, results. */
    public byte[] encode() {
        byte[] json = aggregate.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(12 + json.length + results.length)
                .putLong(nextIndex)
                .putInt(json.length)
                .put(json)
                .put(results)
                .array();
    }

    /**
     * Decodes {@link #encode()}'s form; an empty array is {@link #NONE}.
     *
     * @throws IllegalArgumentException if the bytes are not a checkpoint
     */
    public static Checkpoint decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return NONE;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < 12) {
            throw new IllegalArgumentException("checkpoint of " + bytes.length + " bytes is cut");
        }
        long next = buffer.getLong();
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("checkpoint aggregate length " + length
                    + " exceeds the " + buffer.remaining() + " bytes left");
        }
        String json = new String(bytes, 12, length, StandardCharsets.UTF_8);
        byte[] results = Arrays.copyOfRange(bytes, 12 + length, bytes.length);
        return new Checkpoint(next, json, results);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && c.nextIndex == nextIndex
                && c.aggregate.equals(aggregate) && Arrays.equals(c.results, results);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nextIndex) * 31 + Arrays.hashCode(results);
    }

    @Override
    public String toString() {
        return "Checkpoint[nextIndex=" + nextIndex + ", results=" + results.length + " bytes]";
    }
}
