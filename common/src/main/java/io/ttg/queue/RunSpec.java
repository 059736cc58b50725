package io.ttg.queue;

import io.ttg.UsageException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything a worker needs to process a run, stored once in the broker by the producer.
 *
 * @param runId the run's id: 1 to 64 letters, digits, dots, dashes or underscores
 * @param totalParameters N, the number of indices {@code 0..N-1}
 * @param chunkSize how many consecutive indices one chunk holds; only the last chunk may be short
 * @param computation the name of the computation evaluated at every index
 * @param options the computation's options, such as {@code work-ms} for {@code simulate}
 * @param maxAttempts how many times a chunk is claimed before it is parked as failed
 * @param leaseMillis how long a lease lasts without renewal
 * @param saveOutput whether every index's result is stored, for {@code ttg-producer results}
 * @param createdAtMillis when the producer created the spec (epoch milliseconds)
 */
public record RunSpec(
        String runId,
        long totalParameters,
        int chunkSize,
        String computation,
        Map<String, String> options,
        int maxAttempts,
        long leaseMillis,
        boolean saveOutput,
        long createdAtMillis) {

    /** Upper bound on the chunk count, so that the queue of chunk ids fits easily in Redis. */
    public static final long MAX_CHUNKS = 10_000_000L;
    /** Upper bound on the chunk size, so that one chunk's results fit in a worker's heap. */
    public static final int MAX_CHUNK_SIZE = 10_000_000;
    /** Shortest lease accepted; shorter ones would expire between two renewals. */
    public static final long MIN_LEASE_MILLIS = 100;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public RunSpec {
        validateRunId(runId);
        requireUsage(totalParameters >= 1,
                "--params must be at least 1, got " + totalParameters);
        requireUsage(chunkSize >= 1 && chunkSize <= MAX_CHUNK_SIZE,
                "--chunk-size must be between 1 and " + MAX_CHUNK_SIZE + ", got " + chunkSize);
        long chunks = ceilDiv(totalParameters, chunkSize);
        requireUsage(chunks <= MAX_CHUNKS, "--params " + totalParameters + " in chunks of "
                + chunkSize + " makes " + chunks + " chunks, more than the maximum of "
                + MAX_CHUNKS + "; " + fewerChunksHint(totalParameters));
        Objects.requireNonNull(computation, "computation");
        requireUsage(maxAttempts >= 1, "--max-attempts must be at least 1, got " + maxAttempts);
        requireUsage(leaseMillis >= MIN_LEASE_MILLIS, "--lease-seconds must be at least "
                + MIN_LEASE_MILLIS / 1000.0 + ", got " + leaseMillis / 1000.0);
        options = Map.copyOf(options);
    }

    /** Checks a run id and throws {@link UsageException} that shows the allowed form. */
    public static void validateRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new UsageException("--run must be 1 to 64 letters, digits, '.', '-' or '_', got '"
                    + runId + "'");
        }
    }

    /** Returns ceil(N / chunk size), the number of chunks. */
    public long chunkCount() {
        return ceilDiv(totalParameters, chunkSize);
    }

    /** Returns the index range of chunk {@code chunk}; only the last chunk may be short. */
    public ChunkRange range(long chunk) {
        if (chunk < 0 || chunk >= chunkCount()) {
            throw new IllegalArgumentException(
                    "chunk " + chunk + " is outside 0.." + (chunkCount() - 1));
        }
        long start = chunk * chunkSize;
        long end = Math.min(start + chunkSize, totalParameters);
        return new ChunkRange(chunk, start, end);
    }

    /** Returns whether {@code other} describes the same work; the creation time is ignored. */
    public boolean sameWorkAs(RunSpec other) {
        return withCreatedAt(0).equals(other.withCreatedAt(0));
    }

    /** Returns a copy with another creation time. */
    public RunSpec withCreatedAt(long millis) {
        return new RunSpec(runId, totalParameters, chunkSize, computation, options, maxAttempts,
                leaseMillis, saveOutput, millis);
    }

    /** Returns the options sorted by key, for stable JSON and messages. */
    public Map<String, String> sortedOptions() {
        return new TreeMap<>(options);
    }

    private static String fewerChunksHint(long totalParameters) {
        long chunkSize = ceilDiv(totalParameters, MAX_CHUNKS);
        if (chunkSize <= MAX_CHUNK_SIZE) {
            return "raise --chunk-size to at least " + chunkSize;
        }
        return "a run can have at most " + MAX_CHUNKS * MAX_CHUNK_SIZE
                + " parameters, so split the sweep into several runs";
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }

    private static void requireUsage(boolean condition, String message) {
        if (!condition) {
            throw new UsageException(message);
        }
    }
}
