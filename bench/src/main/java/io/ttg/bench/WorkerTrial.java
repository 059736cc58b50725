package io.ttg.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.work.Worker;
import io.ttg.work.WorkerReport;
import io.ttg.work.WorkerSettings;

/** Runs one TTG worker over a newly enqueued run and measures it. */
final class WorkerTrial {
    private WorkerTrial() {}

    /**
     * Enqueues {@code spec}, then measures {@link Worker#run()} with {@code threads} threads and
     * TTG's default settings until the run is finished.
     *
     * @return the cost of {@link Worker#run()}
     * @throws IllegalStateException if the worker did not complete every chunk by itself
     */
    static Measurement run(ChunkQueue queue, RunSpec spec, int threads, CpuMeter meter) {
        queue.enqueue(spec);
        Worker worker = new Worker(queue, spec.runId(),
                WorkerSettings.defaults("bench-worker", threads), new SimpleMeterRegistry());
        Stopwatch stopwatch = meter.start();
        WorkerReport report = worker.run();
        Measurement cost = stopwatch.stop();
        boolean complete = report.parameters() == spec.totalParameters()
                && report.chunks() == spec.chunkCount() && report.failedChunks() == 0
                && report.lostLeases() == 0 && report.handedBack() == 0 && !report.stopped();
        if (!complete) {
            throw new IllegalStateException("the worker on run " + spec.runId() + " did not"
                    + " complete all " + spec.chunkCount() + " chunks alone: " + report);
        }
        return cost;
    }
}
