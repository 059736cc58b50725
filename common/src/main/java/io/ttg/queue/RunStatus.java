package io.ttg.queue;

import java.util.List;

/**
 * A snapshot of a run's progress, read from the broker in one round trip.
 *
 * @param spec the run's spec
 * @param state the run's life-cycle state
 * @param chunksQueued how many chunks the producer has put on the queue so far
 * @param pending chunks waiting to be claimed
 * @param leased chunks held by workers
 * @param done chunks completed
 * @param failed chunks parked after their maximum number of attempts
 * @param parametersDone parameters of the done chunks, each counted once
 * @param redelivered leases that expired and put their chunk back on the queue
 * @param startedAtMillis when the first chunk was claimed, or 0
 * @param lastDoneAtMillis when the last chunk was completed, or 0
 * @param finishedAtMillis when the run finished, or 0
 * @param nowMillis the broker's clock when the snapshot was taken
 * @param failures the failed chunks, at most a few of them
 */
public record RunStatus(
        RunSpec spec,
        RunState state,
        long chunksQueued,
        long pending,
        long leased,
        long done,
        long failed,
        long parametersDone,
        long redelivered,
        long startedAtMillis,
        long lastDoneAtMillis,
        long finishedAtMillis,
        long nowMillis,
        List<FailedChunk> failures) {

    /** Returns the parameters done per second since the first claim, or 0 before any is done. */
    public double throughputPerSecond() {
        long end = finishedAtMillis > 0 ? finishedAtMillis : nowMillis;
        long elapsed = end - startedAtMillis;
        if (startedAtMillis == 0 || elapsed <= 0 || parametersDone == 0) {
            return 0;
        }
        return parametersDone * 1000.0 / elapsed;
    }

    /** Returns the estimated seconds left at the current throughput, or -1 when unknown. */
    public long etaSeconds() {
        if (state.isFinished()) {
            return 0;
        }
        double rate = throughputPerSecond();
        if (rate <= 0) {
            return -1;
        }
        return (long) Math.ceil((spec.totalParameters() - parametersDone) / rate);
    }
}
