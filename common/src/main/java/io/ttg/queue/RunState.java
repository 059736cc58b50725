package io.ttg.queue;

/** Life cycle of a run, as stored in the broker. */
public enum RunState {
    /** The producer is still pushing chunks; an empty queue does not mean the run is over. */
    ENQUEUING,
    /** Every chunk is queued and none has been claimed yet. */
    QUEUED,
    /** At least one chunk was claimed and some are still pending or leased. */
    RUNNING,
    /** Every chunk is done. */
    COMPLETED,
    /** Every chunk is done or failed, and at least one failed. */
    COMPLETED_WITH_FAILURES;

    /** Returns whether no chunk of the run can change state any more without a retry. */
    public boolean isFinished() {
        return this == COMPLETED || this == COMPLETED_WITH_FAILURES;
    }
}
