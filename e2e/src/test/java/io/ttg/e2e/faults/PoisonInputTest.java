package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.e2e.Programs;
import io.ttg.queue.RunState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poison input: the computation fails at index 75, in chunk 3 [60, 80). The chunk is tried
 * --max-attempts times (3), crashes included, then parked as failed with its error, while every
 * other chunk completes. retry-failed puts it back.
 */
class PoisonInputTest extends FaultSuite {
    private static final long POISON = 75;
    private static final long POISON_CHUNK = 3;

    @BeforeEach
    void redis() {
        startRedis();
    }

    /** The computation throws on its first three calls at index 75 and succeeds on the fourth. */
    @Test
    void throwingIndex_parkedThenRetried() throws Exception {
        Sweep sweep = Sweep.of("poison-throw", 200, 20).option("sleep-ms", 5)
                .option("throw-at", POISON).option("throw-times", 3);
        enqueue(sweep);
        WorkerProcess first = startWorker("throw-1", sweep);
        WorkerProcess second = startWorker("throw-2", sweep);

        assertFinishedRun(first, sweep, RunState.COMPLETED_WITH_FAILURES);
        assertFinishedRun(second, sweep, RunState.COMPLETED_WITH_FAILURES);
        assertRunInvariants(sweep, RunState.COMPLETED_WITH_FAILURES, Set.of(POISON_CHUNK),
                3L * CHECKPOINT_PARAMETERS);
        assertThat(calls(sweep, POISON)).as("calls at the poison index").isEqualTo(3);
        Programs.Result status = producer("status", "--run", sweep.run());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("COMPLETED_WITH_FAILURES")
                .contains("chunk 3 [60, 80) after 3 attempts: index 75:"
                        + " java.lang.IllegalStateException: poison at index 75, call 3")
                .contains("ttg-producer retry-failed --run poison-throw");
        assertThat(producer("status", "--run", sweep.run(), "--watch").exitCode())
                .as("status --watch exit code").isEqualTo(6);

        Programs.Result retry = producer("retry-failed", "--run", sweep.run());
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("Put 1 failed chunks of run poison-throw back");
        WorkerProcess third = startWorker("throw-3", sweep);

        assertFinishedRun(third, sweep, RunState.COMPLETED);
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 4L * CHECKPOINT_PARAMETERS);
        assertThat(calls(sweep, POISON)).as("calls at the poison index").isEqualTo(4);
    }

    /**
     * The computation halts the JVM at index 75 every time. Like Kubernetes, the test starts a
     * new worker for each one that died. Each claim counts an attempt, so the crashes use up
     * the attempts, and the chunk is parked when its third lease expires.
     */
    @Test
    void haltingIndex_parkedAfterThreeCrashes() throws Exception {
        Sweep sweep = Sweep.of("poison-halt", 200, 20).option("sleep-ms", 5)
                .option("halt-at", POISON);
        enqueue(sweep);
        List<WorkerProcess> live = new ArrayList<>(List.of(startWorker("halt-1", sweep),
                startWorker("halt-2", sweep)));
        List<WorkerProcess> crashed = new ArrayList<>();

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (live.stream().anyMatch(WorkerProcess::alive) && System.nanoTime() < deadline) {
            for (WorkerProcess worker : List.copyOf(live)) {
                if (worker.exitCode() == CountingComputation.HALT_EXIT_CODE) {
                    live.remove(worker);
                    crashed.add(worker);
                    live.add(startWorker("halt-" + (live.size() + crashed.size() + 1), sweep));
                }
            }
            pause(20);
        }

        for (WorkerProcess worker : live) {
            assertFinishedRun(worker, sweep, RunState.COMPLETED_WITH_FAILURES);
        }
        assertThat(crashed).as("workers halted by the poison index").hasSize(3);
        assertThat(calls(sweep, POISON)).as("calls at the poison index").isEqualTo(3);
        assertRunInvariants(sweep, RunState.COMPLETED_WITH_FAILURES, Set.of(POISON_CHUNK),
                3L * CHECKPOINT_PARAMETERS);
        assertThat(status(sweep).failures().get(0).error())
                .startsWith("lease expired on attempt 3 of 3: worker halt-")
                .endsWith("stopped renewing it (crashed, killed or frozen)");
    }
}
