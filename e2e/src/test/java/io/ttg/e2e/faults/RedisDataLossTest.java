package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.e2e.Programs;
import io.ttg.queue.RunState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Redis restarted without persistence loses the run. Workers must not take the empty queue for a
 * finished run: they exit 4 with a message that the run vanished, and status never reports it as
 * completed. Running the same enqueue again re-creates the work.
 */
class RedisDataLossTest extends FaultSuite {

    @Test
    void redisRestartedEmpty_workersExit4() throws Exception {
        startRedis();
        Sweep sweep = Sweep.of("lost", 400, 20).option("sleep-ms", 20);
        enqueue(sweep);
        WorkerProcess first = startWorker("lost-1", sweep);
        WorkerProcess second = startWorker("lost-2", sweep);

        waitUntil(PATIENCE, "30 % done", () -> parametersDone(sweep) >= 120);
        restartRedis();

        for (WorkerProcess worker : List.of(first, second)) {
            assertExit(worker, 4);
            assertThat(worker.log()).as("log of %s", worker)
                    .contains("ttg-worker: error: run 'lost' vanished from the broker while"
                            + " workers were running")
                    .contains("Re-run the enqueue command")
                    .doesNotContain("the lease expired");
        }
        assertThat(inspector.sync().dbsize()).as("keys written after the loss").isZero();

        Programs.Result status = producer("status", "--run", sweep.run());
        assertThat(status.exitCode()).as(status.err()).isEqualTo(4);
        assertThat(status.err()).contains("run 'lost' not found")
                .contains("lost when Redis restarted without persistence");
        assertThat(status.out()).doesNotContain("COMPLETED");
        Programs.Result watch = producer("status", "--run", sweep.run(), "--watch");
        assertThat(watch.exitCode()).as(watch.err()).isEqualTo(4);

        enqueue(sweep);
        WorkerProcess third = startWorker("lost-3", sweep);
        WorkerProcess fourth = startWorker("lost-4", sweep);
        assertFinishedRun(third, sweep, RunState.COMPLETED);
        assertFinishedRun(fourth, sweep, RunState.COMPLETED);
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), Long.MAX_VALUE);
    }
}
