package io.ttg.work;

import java.time.Duration;

/**
 * A worker's settings, apart from the run's spec.
 *
 * @param workerId the name in logs and lease entries, such as the pod name
 * @param threads chunks computed at once
 * @param checkpointEvery the longest time between two checkpoints inside a chunk
 * @param checkpointParameters the most parameters between two checkpoints, or 0 for no limit
 * @param waitForRun how long to wait for a run that does not exist yet
 * @param outageLimit how long Redis may stay unreachable before the worker gives up
 */
public record WorkerSettings(
        String workerId,
        int threads,
        Duration checkpointEvery,
        long checkpointParameters,
        Duration waitForRun,
        Duration outageLimit) {

    /** Settings with TTG's defaults for the given id and thread count. */
    public static WorkerSettings defaults(String workerId, int threads) {
        return new WorkerSettings(workerId, threads, Duration.ofSeconds(5), 0,
                Duration.ofMinutes(5), Duration.ofMinutes(10));
    }
}
