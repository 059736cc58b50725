package io.ttg.work;

import io.ttg.BrokerUnavailableException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries broker calls through an outage with exponential backoff, logging the outage once when
 * it starts and once when it ends, however many threads and calls run into it. Only
 * {@link BrokerUnavailableException} is retried, and every other error propagates at once.
 */
public final class BrokerRetry {
    private static final Logger log = LoggerFactory.getLogger(BrokerRetry.class);
    private static final long FIRST_DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 5_000;

    private final String workerId;
    private final Duration limit;
    private final BooleanSupplier stopping;
    private final Runnable onError;
    private long outageStartNanos;
    private boolean inOutage;

    /**
     * Creates a retry policy for one worker.
     *
     * @param limit how long an outage may last before {@link #call} gives up
     * @param stopping whether the worker was asked to stop; it ends the retries
     * @param onError runs on every failed attempt, such as a metric's increment
     */
    public BrokerRetry(String workerId, Duration limit, BooleanSupplier stopping,
            Runnable onError) {
        this.workerId = workerId;
        this.limit = limit;
        this.stopping = stopping;
        this.onError = onError;
    }

    /**
     * Runs {@code call} until it succeeds; returns null if the worker is asked to stop first.
     *
     * @throws BrokerUnavailableException if the outage lasts longer than the limit
     */
    public <T> T call(String what, Supplier<T> call) {
        long delay = FIRST_DELAY_MILLIS;
        while (true) {
            try {
                T result = call.get();
                outageEnded();
                return result;
            } catch (BrokerUnavailableException e) {
                onError.run();
                long outageMillis = outageStarted(what, e);
                if (outageMillis > limit.toMillis()) {
                    throw new BrokerUnavailableException("Redis unreachable for "
                            + outageMillis / 1000 + " s, longer than the limit of "
                            + limit.toSeconds() + " s; last error: " + e.getMessage(), e);
                }
                if (stopping.getAsBoolean() || !sleep(delay)) {
                    return null;
                }
                delay = Math.min(MAX_DELAY_MILLIS, delay * 2);
            }
        }
    }

    private synchronized long outageStarted(String what, BrokerUnavailableException e) {
        if (!inOutage) {
            inOutage = true;
            outageStartNanos = System.nanoTime();
            log.warn("worker={} Redis unavailable while {}: {}; retrying with backoff of at most"
                    + " {} s for up to {} s (--redis-outage-seconds)", workerId, what,
                    e.getMessage(), MAX_DELAY_MILLIS / 1000, limit.toSeconds());
        }
        return (System.nanoTime() - outageStartNanos) / 1_000_000;
    }

    private synchronized void outageEnded() {
        if (inOutage) {
            inOutage = false;
            log.info("worker={} Redis reachable again after {} ms", workerId,
                    (System.nanoTime() - outageStartNanos) / 1_000_000);
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
