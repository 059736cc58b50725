package io.ttg.bench;

import io.ttg.compute.CountAggregate;
import io.ttg.compute.PrimesComputation;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.work.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The workload of the worker benchmarks: whether each index in {@code 0..N-1} is prime, computed
 * by a plain loop or by a TTG worker over chunks. Each {@code measure} method returns the cost
 * of one run and checks that its prime count equals the first count measured.
 */
final class PrimeSweep {
    /** Long enough that no lease expires during a run, so the lease keeper never interferes. */
    private static final long LEASE_MILLIS = 60_000;

    private final long parameters;
    private final int chunkSize;
    private final CpuMeter meter;
    private long expectedPrimes = -1;

    PrimeSweep(long parameters, int chunkSize, CpuMeter meter) {
        this.parameters = parameters;
        this.chunkSize = chunkSize;
        this.meter = meter;
    }

    long parameters() {
        return parameters;
    }

    int chunkSize() {
        return chunkSize;
    }

    long chunkCount() {
        return spec("count").chunkCount();
    }

    /** Returns the prime count of the first run, or -1 before any run. */
    long expectedPrimes() {
        return expectedPrimes;
    }

    /** Measures one plain loop over every index, on the calling thread. */
    Measurement measurePlain() {
        Stopwatch stopwatch = meter.start();
        long primes = countPrimes(0, parameters);
        Measurement cost = stopwatch.stop();
        check("the plain loop", primes);
        return cost;
    }

    /**
     * Measures plain loops on {@code threads} new threads that take chunks of the same size as the
     * worker's from a shared counter: the speedup the hardware allows without any queue.
     */
    Measurement measurePlainThreads(int threads) {
        AtomicLong nextChunk = new AtomicLong();
        LongAdder primes = new LongAdder();
        long chunks = chunkCount();
        Runnable body = () -> {
            for (long chunk = nextChunk.getAndIncrement(); chunk < chunks;
                    chunk = nextChunk.getAndIncrement()) {
                long from = chunk * chunkSize;
                primes.add(countPrimes(from, Math.min(from + chunkSize, parameters)));
            }
        };
        Stopwatch stopwatch = meter.start();
        joinAll(startAll(threads, body));
        Measurement cost = stopwatch.stop();
        check("the plain loops on " + threads + " threads", primes.sum());
        return cost;
    }

    /**
     * Enqueues the sweep as run {@code runId} and measures {@link Worker#run()} with
     * {@code threads} threads until the run is finished. Enqueueing is not measured.
     */
    Measurement measureWorker(ChunkQueue queue, String runId, int threads) {
        Measurement cost = WorkerTrial.run(queue, spec(runId), threads, meter);
        CountAggregate total = new CountAggregate("primes");
        for (String json : queue.partialAggregates(runId)) {
            total.mergeJson(json);
        }
        check("the worker with " + threads + " threads on run " + runId, total.count());
        return cost;
    }

    RunSpec spec(String runId) {
        return new RunSpec(runId, parameters, chunkSize, "primes", Map.of(), 3, LEASE_MILLIS,
                false, System.currentTimeMillis());
    }

    private static long countPrimes(long from, long to) {
        long primes = 0;
        for (long index = from; index < to; index++) {
            if (PrimesComputation.isPrime(index)) {
                primes++;
            }
        }
        return primes;
    }

    private void check(String counter, long primes) {
        if (expectedPrimes < 0) {
            expectedPrimes = primes;
        } else if (primes != expectedPrimes) {
            throw new IllegalStateException(counter + " counted " + primes + " primes below "
                    + parameters + ", but the first run counted " + expectedPrimes);
        }
    }

    private static List<Thread> startAll(int threads, Runnable body) {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(body, "plain-" + i);
            thread.start();
            started.add(thread);
        }
        return started;
    }

    private static void joinAll(List<Thread> threads) {
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the plain loops", e);
        }
    }
}
