package io.ttg.testing;

import io.ttg.compute.Aggregate;
import io.ttg.compute.Computation;
import io.ttg.compute.SumAggregate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A computation for worker tests, found by {@link java.util.ServiceLoader} as {@value #NAME}
 * through this module's test META-INF/services file. Like {@code simulate}, it returns the index
 * and sums the results. Options:
 * <ul>
 *   <li>{@code probe}: the name of a {@link Probe} from {@link #register}, which counts the
 *       evaluations of every instance configured with that name;
 *   <li>{@code pause-at}: an index at which evaluation waits until the probe is released, so
 *       that a test can act while a chunk is half done;
 *   <li>{@code fail-at}: an index at which evaluation throws {@link IllegalStateException}.
 * </ul>
 */
public final class ProbeComputation implements Computation {
    public static final String NAME = "test-probe";

    private static final Map<String, Probe> PROBES = new ConcurrentHashMap<>();

    private volatile Probe probe;
    private volatile long pauseAt = -1;
    private volatile long failAt = -1;

    /** Counts evaluations and holds the evaluation at {@code pause-at} until released. */
    public static final class Probe {
        private final AtomicLong evaluations = new AtomicLong();
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Returns how many indices were evaluated so far. */
        public long evaluations() {
            return evaluations.get();
        }

        /** Waits until an evaluation reaches {@code pause-at}; returns false on timeout. */
        public boolean awaitPause(Duration timeout) throws InterruptedException {
            return paused.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the paused evaluation, and every later one, go on. */
        public void release() {
            released.countDown();
        }

        private void pause() {
            paused.countDown();
            try {
                if (!released.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("probe was not released within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while paused", e);
            }
        }
    }

    /** Registers a new probe under {@code name}, which the run's {@code probe} option selects. */
    public static Probe register(String name) {
        Probe probe = new Probe();
        PROBES.put(name, probe);
        return probe;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "returns the index and counts evaluations, for tests; aggregate: count and sum";
    }

    @Override
    public void configure(Map<String, String> options) {
        String name = options.get("probe");
        if (name != null) {
            probe = PROBES.get(name);
            if (probe == null) {
                throw new IllegalArgumentException("no probe registered as '" + name + "'");
            }
        }
        pauseAt = Long.parseLong(options.getOrDefault("pause-at", "-1"));
        failAt = Long.parseLong(options.getOrDefault("fail-at", "-1"));
    }

    @Override
    public double evaluate(long index) {
        Probe current = probe;
        if (current != null) {
            current.evaluations.incrementAndGet();
        }
        if (index == failAt) {
            throw new IllegalStateException("probe failure at index " + index);
        }
        if (index == pauseAt && current != null) {
            current.pause();
        }
        return index;
    }

    @Override
    public Aggregate newAggregate() {
        return new SumAggregate();
    }
}
