package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.queue.RunState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as Kubernetes sends it before it deletes a pod: the worker stops claiming, hands its
 * chunk back at once with its checkpoint, and exits 143 long before the 30 s grace period ends.
 * 143 is not 0 because a Job with completions unset takes a pod that exits 0 as "the work is
 * done" and starts no new pods.
 */
class ShutdownTest extends FaultSuite {
    /** Longest accepted time from SIGTERM to exit; Kubernetes waits 30 s by default. */
    private static final long MAX_EXIT_MILLIS = 10_000;

    @BeforeEach
    void redis() {
        startRedis();
    }

    @Test
    void sigtermAfterClaim_handsBackAtOnce() throws Exception {
        Sweep sweep = Sweep.of("term-claim", 120, 40).option("sleep-ms", 25);
        enqueue(sweep);
        WorkerProcess first = startWorker("term-1", sweep);
        long chunk = waitFor(PATIENCE, "a chunk leased to term-1", () -> heldBy(sweep, first));

        long signalled = System.nanoTime();
        first.terminate();
        int code = first.await(PATIENCE);
        long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
        System.out.println("SIGTERM-to-exit ms after a claim: " + exitMillis);

        assertThat(code).as(first.log()).isEqualTo(143);
        assertThat(exitMillis).as("ms from SIGTERM to exit").isLessThan(MAX_EXIT_MILLIS);
        assertThat(owners(sweep)).as("leases right after the exit").isEmpty();
        assertThat(pendingChunks(sweep)).as("pending chunks").startsWith(chunk);
        assertThat(inspector.sync().hget(key(sweep, "attempts"), Long.toString(chunk)))
                .as("attempts counted for a handed-back chunk").isNull();
        assertThat(first.logLines("received a stop signal")).isEqualTo(1);
        assertThat(first.logLines("chunk=" + chunk + " worker=term-1 handed back")).isEqualTo(1);

        WorkerProcess second = startWorker("term-2", sweep);
        assertFinishedRun(second, sweep, RunState.COMPLETED);
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 0);
        assertThat(status(sweep).redelivered()).as("leases that expired").isZero();
    }

    /**
     * A rolling restart: three times, SIGTERM goes to the oldest worker while it is inside a
     * chunk, and a new worker starts. Hand-backs carry the exact position, so no index is
     * computed twice, and no lease ever expires.
     */
    @Test
    void rollingSigterm_noIndexComputedTwice() throws Exception {
        Sweep sweep = Sweep.of("term-rolling", 600, 30).option("sleep-ms", 20);
        enqueue(sweep);
        Deque<WorkerProcess> fleet = new ArrayDeque<>(List.of(startWorker("roll-1", sweep),
                startWorker("roll-2", sweep)));
        List<WorkerProcess> stopped = new ArrayList<>();

        for (int roll = 3; roll <= 5; roll++) {
            WorkerProcess oldest = fleet.removeFirst();
            long chunk = waitFor(PATIENCE, "a chunk of " + oldest + " past its start",
                    () -> heldBy(sweep, oldest).filter(c -> checkpoint(sweep, c).nextIndex()
                            > sweep.start(c)));
            long signalled = System.nanoTime();
            oldest.terminate();
            fleet.addLast(startWorker("roll-" + roll, sweep));
            assertExit(oldest, 143);
            long exitMillis = (System.nanoTime() - signalled) / 1_000_000;
            System.out.println("SIGTERM-to-exit ms inside a chunk: " + exitMillis);
            assertThat(exitMillis).as("ms to exit of %s", oldest).isLessThan(MAX_EXIT_MILLIS);
            assertThat(oldest.log()).contains("chunk=" + chunk + " worker=" + oldest.id
                    + " handed back with its checkpoint");
            stopped.add(oldest);
        }

        for (WorkerProcess worker : fleet) {
            assertFinishedRun(worker, sweep, RunState.COMPLETED);
        }
        assertThat(stopped).hasSize(3);
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 0);
        assertThat(status(sweep).redelivered()).as("leases that expired").isZero();
    }

    private Optional<Long> heldBy(Sweep sweep, WorkerProcess worker) {
        return owners(sweep).entrySet().stream().filter(e -> e.getValue().equals(worker.id))
                .map(Map.Entry::getKey).findFirst();
    }
}
