package io.ttg.work;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A worker's Micrometer meters. Names follow Micrometer's dotted form; a Prometheus registry
 * renders {@code ttg.chunks.completed} as {@code ttg_chunks_completed_total}.
 */
public final class WorkerMetrics {
    public static final String PARAMETERS_COMPLETED = "ttg.parameters.completed";
    public static final String CHUNKS_COMPLETED = "ttg.chunks.completed";
    public static final String CHUNKS_FAILED = "ttg.chunks.failed";
    public static final String CHUNKS_HANDED_BACK = "ttg.chunks.handed.back";
    public static final String CHUNKS_REDELIVERED = "ttg.chunks.redelivered";
    public static final String LEASES_LOST = "ttg.leases.lost";
    public static final String LEASE_RENEWALS = "ttg.lease.renewals";
    public static final String REDIS_ERRORS = "ttg.redis.errors";
    public static final String CHUNK_DURATION = "ttg.chunk.duration";
    public static final String TAG_RUN = "run";

    final Counter parameters;
    final Counter chunks;
    final Counter failed;
    final Counter handedBack;
    final Counter redelivered;
    final Counter leasesLost;
    final Counter renewals;
    final Counter redisErrors;
    final Timer chunkDuration;

    /** Registers the meters of a worker on {@code run} in {@code registry}. */
    public WorkerMetrics(MeterRegistry registry, String run) {
        parameters = counter(registry, run, PARAMETERS_COMPLETED, "Parameters of completed chunks");
        chunks = counter(registry, run, CHUNKS_COMPLETED, "Chunks completed by this worker");
        failed = counter(registry, run, CHUNKS_FAILED,
                "Chunks on which the computation raised an error");
        handedBack = counter(registry, run, CHUNKS_HANDED_BACK,
                "Chunks handed back on shutdown with their checkpoint");
        redelivered = counter(registry, run, CHUNKS_REDELIVERED,
                "Chunks this worker claimed again after an earlier claim expired or failed"
                        + " (attempt > 1)");
        leasesLost = counter(registry, run, LEASES_LOST,
                "Chunks abandoned because their lease expired and went to another worker");
        renewals = counter(registry, run, LEASE_RENEWALS, "Successful lease renewals");
        redisErrors = counter(registry, run, REDIS_ERRORS,
                "Redis calls that failed and were retried");
        chunkDuration = Timer.builder(CHUNK_DURATION).tag(TAG_RUN, run)
                .description("Time to compute and record one chunk")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String run, String name,
            String description) {
        return Counter.builder(name).tag(TAG_RUN, run).description(description)
                .register(registry);
    }
}
