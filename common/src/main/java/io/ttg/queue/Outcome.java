package io.ttg.queue;

/** The broker's action on a worker's report about a leased chunk. */
public enum Outcome {
    /** The chunk is now done; its results and aggregate are recorded. */
    DONE,
    /** The chunk went back to the queue for another attempt. */
    REQUEUED,
    /** The chunk reached its maximum number of attempts and is parked as failed. */
    FAILED,
    /**
     * The lease was no longer the worker's: it expired and the chunk went to another worker or was
     * already completed by one. Nothing was written.
     */
    LEASE_LOST
}
