package io.ttg.work;

import io.ttg.queue.Lease;

/** A chunk this worker holds, with a flag that the lease keeper raises when the lease is lost. */
final class ActiveChunk {
    final Lease lease;
    private volatile boolean lost;

    ActiveChunk(Lease lease) {
        this.lease = lease;
    }

    boolean isLost() {
        return lost;
    }

    void markLost() {
        lost = true;
    }
}
