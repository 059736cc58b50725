package io.ttg.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ttg.BrokerUnavailableException;
import io.ttg.queue.Checkpoint;
import io.ttg.queue.ClaimResult;
import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.Lease;
import io.ttg.queue.RunSpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease keeper renews every third of the lease, here every 100 ms of real time. */
class LeaseKeeperTest {
    private static final long LEASE_MILLIS = 300;

    private final ObservedQueue queue = new ObservedQueue(new InMemoryChunkQueue());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunSpec spec = new RunSpec("keeper-test", 20, 10, "primes", Map.of(), 3,
            LEASE_MILLIS, false, 0);
    private WorkerMetrics metrics;
    private LeaseKeeper keeper;

    @BeforeEach
    void start() {
        queue.enqueue(spec);
        metrics = new WorkerMetrics(registry, spec.runId());
        keeper = new LeaseKeeper(queue, LEASE_MILLIS, metrics, "w1");
    }

    @AfterEach
    void stop() {
        keeper.close();
        queue.close();
    }

    private Lease claim() {
        return ((ClaimResult.Leased) queue.claim(spec, "w1")).lease();
    }

    /** Spins until the condition is true or the timeout passes, and returns the condition. */
    private static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return condition.getAsBoolean();
    }

    @Test
    void track_heldLease_isRenewedAndCounted() throws InterruptedException {
        ActiveChunk chunk = keeper.track(claim());

        Boolean first = queue.renewals.poll(5, TimeUnit.SECONDS);
        Boolean second = queue.renewals.poll(5, TimeUnit.SECONDS);

        assertThat(first).isTrue();
        assertThat(second).isTrue();
        assertThat(metrics.renewals.count()).isGreaterThanOrEqualTo(1.0);
        assertThat(chunk.isLost()).isFalse();
    }

    @Test
    void track_leaseTakenAway_marksChunkLost() throws InterruptedException {
        Lease lease = claim();
        ActiveChunk chunk = keeper.track(lease);
        assertThat(queue.renewals.poll(5, TimeUnit.SECONDS)).isTrue();

        queue.handBack(lease, Checkpoint.NONE);

        Boolean renewed = queue.renewals.poll(5, TimeUnit.SECONDS);
        while (Boolean.TRUE.equals(renewed)) {
            renewed = queue.renewals.poll(5, TimeUnit.SECONDS);
        }
        assertThat(renewed).isFalse();
        assertThat(await(chunk::isLost, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void track_renewalFails_countsErrorAndKeepsChunk() {
        queue.renewalFailure = new BrokerUnavailableException("Redis is down", null);
        ActiveChunk chunk = keeper.track(claim());

        boolean counted = await(() -> metrics.redisErrors.count() >= 2, Duration.ofSeconds(5));

        assertThat(counted).isTrue();
        assertThat(chunk.isLost()).isFalse();
    }

    @Test
    void untrack_chunk_stopsRenewing() throws InterruptedException {
        ActiveChunk chunk = keeper.track(claim());
        assertThat(queue.renewals.poll(5, TimeUnit.SECONDS)).isTrue();

        keeper.untrack(chunk);
        queue.renewals.clear();

        assertThat(queue.renewals.poll(LEASE_MILLIS, TimeUnit.MILLISECONDS)).isNull();
    }
}
