package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.queue.Checkpoint;
import io.ttg.queue.RunState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workers killed with SIGKILL: their chunks come back after the lease and resume. */
class WorkerCrashTest extends FaultSuite {

    @BeforeEach
    void redis() {
        startRedis();
    }

    /**
     * Kills the worker that holds the chunk with the least progress once nothing is pending, so
     * the other workers find an empty queue with a chunk still leased. They must wait for the
     * lease to expire, take the chunk over from its checkpoint, and exit 0 only after it is done.
     */
    @Test
    void killHolder_othersResumeFromCheckpoint() throws Exception {
        Sweep sweep = Sweep.of("crash-one", 240, 40).option("sleep-ms", 25);
        enqueue(sweep);
        List<WorkerProcess> workers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            workers.add(startWorker("crash-one-" + i, sweep));
        }

        long chunk = waitFor(PATIENCE, "a leased chunk with a checkpoint and none pending",
                () -> victimChunk(sweep));
        String holder = owners(sweep).get(chunk);
        WorkerProcess victim = workers.stream().filter(w -> w.id.equals(holder)).findFirst()
                .orElseThrow();
        victim.kill();
        long killedNanos = System.nanoTime();
        Checkpoint saved = checkpoint(sweep, chunk);
        String taker = waitFor(PATIENCE, "chunk " + chunk + " leased again",
                () -> Optional.ofNullable(owners(sweep).get(chunk)).filter(o -> !o.equals(holder)));
        long redeliveryMillis = (System.nanoTime() - killedNanos) / 1_000_000;

        workers.remove(victim);
        for (WorkerProcess worker : workers) {
            assertFinishedRun(worker, sweep, RunState.COMPLETED);
        }
        assertThat(taker).isIn(workers.get(0).id, workers.get(1).id);
        assertThat(redeliveryMillis).as("ms from SIGKILL to re-delivery, lease 1 s")
                .isLessThan(5_000);
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), CHECKPOINT_PARAMETERS);
        assertThat(status(sweep).redelivered()).as("re-deliveries").isEqualTo(1);
        assertThat(saved.nextIndex()).isGreaterThan(sweep.start(chunk));
        for (long index = sweep.start(chunk); index < saved.nextIndex(); index++) {
            assertThat(calls(sweep, index)).as("calls of checkpointed index %d", index)
                    .isEqualTo(1);
        }
    }

    /** Returns the leased chunk with the least progress past a checkpoint, once none is pending. */
    private Optional<Long> victimChunk(Sweep sweep) {
        if (!pendingChunks(sweep).isEmpty()) {
            return Optional.empty();
        }
        Long best = null;
        long bestNext = Long.MAX_VALUE;
        for (long chunk : owners(sweep).keySet()) {
            Checkpoint checkpoint = checkpoint(sweep, chunk);
            if (checkpoint.nextIndex() > sweep.start(chunk) && checkpoint.nextIndex() < bestNext) {
                best = chunk;
                bestNext = checkpoint.nextIndex();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Kills the whole fleet at about 40 % and starts a new fleet of two. The new workers finish
     * the run, redoing only what the dead workers had not checkpointed.
     */
    @Test
    void killFleetAt40Percent_newFleetFinishes() throws Exception {
        Sweep sweep = Sweep.of("crash-all", 400, 20).option("sleep-ms", 20);
        enqueue(sweep);
        List<WorkerProcess> first = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            first.add(startWorker("first-" + i, sweep));
        }

        waitUntil(PATIENCE, "40 % done", () -> parametersDone(sweep) >= 160);
        first.forEach(WorkerProcess::kill);
        for (WorkerProcess worker : first) {
            assertThat(worker.await(PATIENCE)).isEqualTo(137);
        }
        Map<Long, String> orphaned = owners(sweep);
        long doneBefore = parametersDone(sweep);
        WorkerProcess second1 = startWorker("second-1", sweep);
        WorkerProcess second2 = startWorker("second-2", sweep);

        assertFinishedRun(second1, sweep, RunState.COMPLETED);
        assertFinishedRun(second2, sweep, RunState.COMPLETED);
        assertThat(doneBefore).as("parameters done when the fleet died").isLessThan(400);
        assertThat(orphaned).as("chunks the dead fleet held").isNotEmpty();
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(),
                (long) CHECKPOINT_PARAMETERS * orphaned.size());
        assertThat(status(sweep).redelivered()).as("re-deliveries")
                .isEqualTo(orphaned.size());
        calls(sweep).forEach((index, count) -> {
            if (count > 1) {
                assertThat(orphaned).as("chunk of index %d, computed %d times", index, count)
                        .containsKey(sweep.chunkOf(index));
            }
        });
    }
}
