package io.ttg.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ttg.queue.ClaimResult;
import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.RunSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Counts that a worker's meters show after runs on the embedded queue. */
class WorkerMetricsTest {
    private static final String RUN = "metrics-run";

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final InMemoryChunkQueue queue = new InMemoryChunkQueue(clock::get);
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private static RunSpec spec(long parameters, int chunkSize, long workMillis) {
        return new RunSpec(RUN, parameters, chunkSize, "simulate",
                Map.of("work-ms", Long.toString(workMillis)), 3, 60_000, false, 1_000);
    }

    private Worker worker(String id) {
        return new Worker(queue, RUN, WorkerSettings.defaults(id, 1), registry);
    }

    private double count(String name) {
        return registry.get(name).tag(WorkerMetrics.TAG_RUN, RUN).counter().count();
    }

    @Test
    void completedRun_countsParametersAndChunks() {
        queue.enqueue(spec(1_050, 100, 0));

        worker("w1").run();

        assertThat(count(WorkerMetrics.PARAMETERS_COMPLETED)).isEqualTo(1_050);
        assertThat(count(WorkerMetrics.CHUNKS_COMPLETED)).isEqualTo(11);
        assertThat(count(WorkerMetrics.CHUNKS_REDELIVERED)).isZero();
        assertThat(count(WorkerMetrics.CHUNKS_FAILED)).isZero();
        assertThat(count(WorkerMetrics.CHUNKS_HANDED_BACK)).isZero();
        assertThat(registry.get(WorkerMetrics.CHUNK_DURATION).timer().count()).isEqualTo(11);
    }

    @Test
    void expiredLeaseClaimedAgain_countsOneRedelivery() {
        RunSpec spec = spec(300, 100, 0);
        queue.enqueue(spec);
        assertThat(queue.claim(spec, "crashed")).isInstanceOf(ClaimResult.Leased.class);
        clock.addAndGet(spec.leaseMillis() + 1);

        worker("w1").run();

        assertThat(count(WorkerMetrics.CHUNKS_REDELIVERED)).isEqualTo(1);
        assertThat(count(WorkerMetrics.CHUNKS_COMPLETED)).isEqualTo(3);
    }

    @Test
    void stopMidChunk_countsHandBack() throws Exception {
        queue.enqueue(spec(1_000, 1_000, 5));
        Worker worker = worker("w1");
        Thread thread = new Thread(worker::run);
        thread.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (queue.status(RUN).orElseThrow().leased() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        worker.requestStop();
        thread.join(Duration.ofSeconds(10).toMillis());

        assertThat(thread.isAlive()).isFalse();
        assertThat(count(WorkerMetrics.CHUNKS_HANDED_BACK)).isEqualTo(1);
        assertThat(count(WorkerMetrics.CHUNKS_COMPLETED)).isZero();
    }
}
