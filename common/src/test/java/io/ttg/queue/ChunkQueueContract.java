package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.RunConflictException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chunk protocol's contract, run against every {@link ChunkQueue} implementation. Subclasses
 * supply a queue and a way to let time pass for lease expiry.
 */
abstract class ChunkQueueContract {
    private static final AtomicInteger RUNS = new AtomicInteger();

    protected ChunkQueue queue;

    /** Returns a new queue; each test gets run ids no other test uses. */
    protected abstract ChunkQueue newQueue();

    /** Lets at least {@code millis} pass on the queue's lease clock. */
    protected abstract void advance(long millis);

    @BeforeEach
    void openQueue() {
        queue = newQueue();
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    protected static RunSpec spec(long parameters, int chunkSize) {
        return spec(parameters, chunkSize, 3, 300);
    }

    protected static RunSpec spec(long parameters, int chunkSize, int maxAttempts,
            long leaseMillis) {
        String run = "contract-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet()
                + "-" + System.nanoTime();
        return new RunSpec(run, parameters, chunkSize, "primes", Map.of(), maxAttempts,
                leaseMillis, false, 1_000);
    }

    protected Lease claim(RunSpec spec, String worker) {
        ClaimResult result = queue.claim(spec, worker);
        assertThat(result).isInstanceOf(ClaimResult.Leased.class);
        return ((ClaimResult.Leased) result).lease();
    }

    protected static ChunkOutput output() {
        return new ChunkOutput("{\"count\":1}", new byte[0]);
    }

    @Test
    void enqueue_newRun_queuesEveryChunk() {
        RunSpec spec = spec(25, 10);

        EnqueueResult result = queue.enqueue(spec);

        assertThat(result).isEqualTo(new EnqueueResult(true, 3, 3));
        RunStatus status = queue.status(spec.runId()).orElseThrow();
        assertThat(status.state()).isEqualTo(RunState.QUEUED);
        assertThat(status.pending()).isEqualTo(3);
        assertThat(status.chunksQueued()).isEqualTo(3);
    }

    @Test
    void enqueue_sameSpecTwice_changesNothing() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);

        EnqueueResult again = queue.enqueue(spec.withCreatedAt(99_999));

        assertThat(again).isEqualTo(new EnqueueResult(false, 0, 3));
        assertThat(queue.status(spec.runId()).orElseThrow().pending()).isEqualTo(3);
    }

    @Test
    void enqueue_otherSpecUnderSameId_isRejected() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);
        RunSpec other = new RunSpec(spec.runId(), 26, 10, "primes", Map.of(), 3, 300, false, 0);

        assertThatThrownBy(() -> queue.enqueue(other))
                .isInstanceOf(RunConflictException.class)
                .hasMessageContaining("run '" + spec.runId() + "' already exists with other work");
    }

    @Test
    void claim_leasesChunksInOrderWithRanges() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);

        Lease first = claim(spec, "w1");
        Lease second = claim(spec, "w1");
        Lease third = claim(spec, "w2");

        assertThat(first.range()).isEqualTo(new ChunkRange(0, 0, 10));
        assertThat(second.range()).isEqualTo(new ChunkRange(1, 10, 20));
        assertThat(third.range()).isEqualTo(new ChunkRange(2, 20, 25));
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.token()).isNotEqualTo(second.token());
        assertThat(queue.status(spec.runId()).orElseThrow().state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void complete_everyChunk_finishesRunWithCountedParameters() {
        RunSpec spec = spec(25, 10);
        queue.enqueue(spec);

        for (int i = 0; i < 3; i++) {
            assertThat(queue.complete(claim(spec, "w1"), output())).isEqualTo(Outcome.DONE);
        }

        RunStatus status = queue.status(spec.runId()).orElseThrow();
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.parametersDone()).isEqualTo(25);
        assertThat(status.done()).isEqualTo(3);
        assertThat(status.pending()).isZero();
        assertThat(status.leased()).isZero();
        assertThat(queue.claim(spec, "w1")).isEqualTo(new ClaimResult.Empty(true, 0, 0));
    }

    @Test
    void claim_emptyQueueWithLeaseHeld_isNotFinished() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease held = claim(spec, "w1");

        ClaimResult result = queue.claim(spec, "w2");

        assertThat(result).isInstanceOf(ClaimResult.Empty.class);
        ClaimResult.Empty empty = (ClaimResult.Empty) result;
        assertThat(empty.finished()).isFalse();
        assertThat(empty.leased()).isEqualTo(1);
        assertThat(empty.nextDeadlineMillis()).isEqualTo(held.deadlineMillis());
    }

    @Test
    void claim_afterLeaseExpiry_redeliversToAnotherWorker() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease stale = claim(spec, "w1");

        advance(spec.leaseMillis() + 50);
        Lease taken = claim(spec, "w2");

        assertThat(taken.range()).isEqualTo(stale.range());
        assertThat(taken.attempt()).isEqualTo(2);
        assertThat(queue.complete(stale, output())).isEqualTo(Outcome.LEASE_LOST);
        assertThat(queue.renew(stale)).isFalse();
        assertThat(queue.complete(taken, output())).isEqualTo(Outcome.DONE);
        assertThat(queue.status(spec.runId()).orElseThrow().redelivered()).isEqualTo(1);
    }

    @Test
    void claim_missingRun_returnsMissing() {
        assertThat(queue.claim(spec(10, 10), "w1")).isEqualTo(new ClaimResult.Missing());
    }

    @Test
    void complete_runDeletedAndEnqueuedAgain_staleLeaseLost() {
        RunSpec spec = spec(10, 10);
        queue.enqueue(spec);
        Lease stale = claim(spec, "w1");
        queue.delete(spec.runId());
        queue.enqueue(spec);

        Lease fresh = claim(spec, "w2");

        assertThat(fresh.range()).isEqualTo(stale.range());
        assertThat(fresh.token()).isNotEqualTo(stale.token());
        assertThat(queue.complete(stale, output())).isEqualTo(Outcome.LEASE_LOST);
        assertThat(queue.renew(stale)).isFalse();
        assertThat(queue.complete(fresh, output())).isEqualTo(Outcome.DONE);
    }
}
