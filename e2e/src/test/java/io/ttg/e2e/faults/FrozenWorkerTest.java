package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.queue.RunState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker frozen past its lease, as by a long GC pause or a stopped container: SIGSTOP, then
 * SIGCONT after another worker took its chunk over.
 */
class FrozenWorkerTest extends FaultSuite {

    @BeforeEach
    void redis() {
        startRedis();
    }

    /**
     * The worker is frozen while it evaluates the last index of chunk 0, so that after SIGCONT
     * its next step is to complete the chunk: the evaluation loop checks the lease only between
     * indices. The completion carries a stale lease token and must be rejected.
     */
    @Test
    void frozenPastLease_lateCompletionRejected() throws Exception {
        Sweep sweep = Sweep.of("frozen", 600, 40).option("sleep-ms", 10)
                .option("slow-at", 39).option("slow-ms", 3000);
        enqueue(sweep);
        WorkerProcess frozen = startWorker("frozen-1", sweep);
        waitUntil(PATIENCE, "frozen-1 in the last index of chunk 0",
                () -> "frozen-1".equals(owners(sweep).get(0L)) && calls(sweep, 39) == 1);

        frozen.freeze();
        WorkerProcess other = startWorker("other-1", sweep);
        waitUntil(PATIENCE, "chunk 0 taken over or done",
                () -> "other-1".equals(owners(sweep).get(0L))
                        || inspector.sync().hexists(key(sweep, "done"), "0"));
        frozen.thaw();

        assertFinishedRun(frozen, sweep, RunState.COMPLETED);
        assertFinishedRun(other, sweep, RunState.COMPLETED);
        String rejected = "chunk=0 worker=frozen-1 result rejected";
        assertThat(frozen.logLines(rejected)).as("rejections logged").isEqualTo(1);
        assertThat(chunksDoneAfter(frozen, rejected)).as("chunks frozen-1 did after it thawed")
                .isPositive();
        assertThat(other.log()).contains("chunk=0 worker=other-1 done");
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), CHECKPOINT_PARAMETERS);
        assertThat(status(sweep).redelivered()).as("re-deliveries").isEqualTo(1);
    }

    private static long chunksDoneAfter(WorkerProcess worker, String marker) {
        List<String> lines = worker.log().lines().toList();
        Optional<String> first = lines.stream().filter(line -> line.contains(marker)).findFirst();
        if (first.isEmpty()) {
            return 0;
        }
        return lines.subList(lines.indexOf(first.get()), lines.size()).stream()
                .filter(line -> line.contains("worker=" + worker.id + " done")).count();
    }
}
