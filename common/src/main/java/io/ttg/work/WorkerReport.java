package io.ttg.work;

import java.time.Duration;

/**
 * The totals of one worker.
 *
 * @param parameters parameters of the chunks this worker completed
 * @param chunks chunks this worker completed
 * @param failedChunks chunks on which the computation raised an error in this worker
 * @param lostLeases chunks this worker gave up because its lease went to another worker
 * @param handedBack chunks handed back because the worker was stopped
 * @param duration time from start to end
 * @param stopped whether the worker ended because it was asked to stop, not because the run ended
 */
public record WorkerReport(
        long parameters,
        long chunks,
        long failedChunks,
        long lostLeases,
        long handedBack,
        Duration duration,
        boolean stopped) {

    /** Returns parameters per second over the worker's whole life. */
    public double throughputPerSecond() {
        long millis = Math.max(1, duration.toMillis());
        return parameters * 1000.0 / millis;
    }
}
