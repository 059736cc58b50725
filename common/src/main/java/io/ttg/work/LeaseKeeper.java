package io.ttg.work;

import io.ttg.TtgException;
import io.ttg.queue.ChunkQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the leases of the chunks a worker holds, three times per lease length, on a thread of
 * its own so that a long computation never delays a renewal. A renewal that finds the lease gone
 * marks the chunk lost, and its computing thread gives it up.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final ChunkQueue queue;
    private final WorkerMetrics metrics;
    private final String workerId;
    private final Set<ActiveChunk> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    LeaseKeeper(ChunkQueue queue, long leaseMillis, WorkerMetrics metrics, String workerId) {
        this.queue = queue;
        this.metrics = metrics;
        this.workerId = workerId;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ttg-lease-keeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(20, leaseMillis / 3);
        timer.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    ActiveChunk track(io.ttg.queue.Lease lease) {
        ActiveChunk chunk = new ActiveChunk(lease);
        active.add(chunk);
        return chunk;
    }

    void untrack(ActiveChunk chunk) {
        active.remove(chunk);
    }

    private void renewAll() {
        for (ActiveChunk chunk : active) {
            try {
                if (queue.renew(chunk.lease)) {
                    metrics.renewals.increment();
                } else {
                    chunk.markLost();
                    active.remove(chunk);
                    log.debug("run={} chunk={} worker={} lease lost on renewal",
                            chunk.lease.runId(),
                            chunk.lease.range().chunk(), workerId);
                }
            } catch (TtgException e) {
                metrics.redisErrors.increment();
                log.debug("run={} chunk={} worker={} lease renewal failed: {}",
                        chunk.lease.runId(), chunk.lease.range().chunk(), workerId,
                        e.getMessage());
            } catch (RuntimeException e) {
                log.error("worker={} unexpected error while renewing leases", workerId, e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
