package io.ttg.bench;

import io.ttg.ExitCodes;
import io.ttg.TtgException;
import io.ttg.queue.ChunkQueue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Creates run ids that no other client uses, such as
 * {@code ttgbench-enqueue-4711-1796398156389-3} (benchmark, process id, start time, count), and
 * deletes those runs, so that a benchmark can share a Redis server with other users.
 */
final class RedisRuns implements AutoCloseable {
    private final ChunkQueue queue;
    private final String prefix;
    private final Set<String> undeleted = new LinkedHashSet<>();
    private int count;

    /** Creates run ids for {@code benchmark} on {@code queue}. */
    RedisRuns(ChunkQueue queue, String benchmark) {
        this.queue = queue;
        this.prefix = "ttgbench-" + benchmark + "-" + ProcessHandle.current().pid() + "-"
                + System.currentTimeMillis() + "-";
    }

    String next() {
        String runId = prefix + ++count;
        undeleted.add(runId);
        return runId;
    }

    /** Calls {@code trial} with a new run id and deletes the run afterwards. */
    <T> T withNewRun(Function<String, T> trial) {
        String runId = next();
        try {
            return trial.apply(runId);
        } finally {
            delete(runId);
        }
    }

    /**
     * Deletes every key of the run and checks that the queue no longer finds it.
     *
     * @throws TtgException if the run's spec is still readable after the deletion
     */
    void delete(String runId) {
        queue.delete(runId);
        if (queue.findSpec(runId).isPresent()) {
            throw new TtgException(ExitCodes.FAILURE, "run " + runId + " is still readable after"
                    + " ChunkQueue.delete; delete it with: ttg-producer delete --run " + runId);
        }
        undeleted.remove(runId);
    }

    /** Deletes every run created here and not deleted yet, as after a failure. */
    @Override
    public void close() {
        for (String runId : List.copyOf(undeleted)) {
            delete(runId);
        }
    }
}
