package io.ttg.queue;

/** The result of a claim: a lease on a chunk, or the reason there is none. */
public sealed interface ClaimResult {
    /** A chunk was leased to the caller. */
    record Leased(Lease lease) implements ClaimResult {}

    /**
     * Nothing is pending right now.
     *
     * @param finished whether the run is over: every chunk is queued and none is pending or leased
     * @param leased how many chunks other workers hold
     * @param nextDeadlineMillis the earliest lease deadline in the broker's clock, or 0 if none
     */
    record Empty(boolean finished, long leased, long nextDeadlineMillis) implements ClaimResult {}

    /** The run does not exist: it was never enqueued, or its state is gone from the broker. */
    record Missing() implements ClaimResult {}
}
