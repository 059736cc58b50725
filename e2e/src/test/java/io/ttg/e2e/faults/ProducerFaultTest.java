package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.e2e.Programs;
import io.ttg.queue.RunState;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The producer run twice, twice at once, and killed halfway: every chunk exists once. */
class ProducerFaultTest extends FaultSuite {

    @BeforeEach
    void redis() {
        startRedis();
    }

    /** Two enqueues at once, then a third: 300 chunks, and N calls of the computation. */
    @Test
    void concurrentAndRepeatedEnqueue_eachChunkOnce() throws Exception {
        Sweep sweep = Sweep.of("enqueue-twice", 3000, 10);
        WorkerProcess one = startProducer(sweep.enqueueArguments(countersUrl()));
        WorkerProcess two = startProducer(sweep.enqueueArguments(countersUrl()));
        assertExit(one, 0);
        assertExit(two, 0);
        Programs.Result again = producer(sweep.enqueueArguments(countersUrl()));

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already exists with the same spec").contains(
                "nothing changed");
        assertThat(one.out() + two.out()).containsOnlyOnce("Enqueued run enqueue-twice");
        assertEachChunkPendingOnce(sweep);

        WorkerProcess first = startWorker("twice-1", sweep, "--threads", "2");
        WorkerProcess second = startWorker("twice-2", sweep, "--threads", "2");
        assertFinishedRun(first, sweep, RunState.COMPLETED);
        assertFinishedRun(second, sweep, RunState.COMPLETED);
        assertRunInvariants(sweep, RunState.COMPLETED, Set.of(), 0);
        assertThat(calls(sweep).values().stream().mapToLong(Long::longValue).sum())
                .as("calls of the computation").isEqualTo(3000);
    }

    /**
     * Kills the producer with SIGKILL while it pushes 2,000,000 chunks, then runs the same
     * enqueue again. Far too many chunks to compute here, so the check is on the queue: each
     * chunk number is pending exactly once.
     */
    @Test
    void producerKilledHalfway_rerunPushesRest() throws Exception {
        Sweep sweep = Sweep.of("enqueue-killed", 2_000_000, 1);
        WorkerProcess producer = startProducer(sweep.enqueueArguments(countersUrl()));
        waitUntil(PATIENCE, "the first chunks pushed", () -> pushCursor(sweep) > 0);
        producer.kill();
        assertThat(producer.await(PATIENCE)).isEqualTo(137);
        long cursor = pushCursor(sweep);

        assertThat(cursor).as("chunks pushed before the kill").isBetween(1L, 1_999_999L);
        assertThat(status(sweep).state()).isEqualTo(RunState.ENQUEUING);
        Programs.Result rerun = producer(sweep.enqueueArguments(countersUrl()));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("pushed the "
                + String.format("%,d", 2_000_000 - cursor) + " chunks that an earlier enqueue"
                + " had not pushed");
        assertEachChunkPendingOnce(sweep);
        assertThat(status(sweep).state()).isEqualTo(RunState.QUEUED);
    }

    private long pushCursor(Sweep sweep) {
        byte[] value = inspector.sync().hget(key(sweep, "meta"), "queued");
        return value == null ? 0 : Long.parseLong(new String(value, StandardCharsets.UTF_8));
    }

    private void assertEachChunkPendingOnce(Sweep sweep) {
        long chunks = sweep.chunks();
        assertThat(inspector.sync().llen(key(sweep, "pending"))).as("pending chunks")
                .isEqualTo(chunks);
        BitSet seen = new BitSet((int) chunks);
        for (long from = 0; from < chunks; from += 100_000) {
            List<byte[]> page = inspector.sync().lrange(key(sweep, "pending"), from,
                    from + 99_999);
            for (byte[] value : page) {
                int chunk = Integer.parseInt(new String(value, StandardCharsets.UTF_8));
                assertThat(seen.get(chunk)).as("chunk %d pending twice", chunk).isFalse();
                seen.set(chunk);
            }
        }
        assertThat(seen.cardinality()).as("distinct pending chunks").isEqualTo((int) chunks);
    }
}
