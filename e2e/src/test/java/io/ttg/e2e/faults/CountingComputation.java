package io.ttg.e2e.faults;

import io.ttg.compute.Aggregate;
import io.ttg.compute.Computation;
import io.ttg.compute.SumAggregate;
import io.ttg.redis.RedisConnection;
import java.util.Map;

/**
 * A test-only computation that returns the index itself and counts every call per index with
 * HINCRBY in a Redis hash, so that a test can tell "computed twice" (a count above 1) from
 * "recorded twice" (a second result record). It can also misbehave on purpose.
 *
 * <p>Options: {@code calls-url} (Redis URL of the counters; the fault tests point it at a Redis
 * that they never fault, so that counts survive the faults they inject), {@code calls-key} (the
 * hash), {@code sleep-ms} (sleep per index), {@code slow-at} and {@code slow-ms} (sleep once more
 * at one index, on its first call only), {@code throw-at} and {@code throw-times} (throw at one
 * index on its first calls; 0 means always), {@code halt-at} and {@code halt-times} (halt the JVM
 * with exit code 99 at one index on its first calls; 0 means always). Calls are counted before
 * the computation misbehaves, so a halt counts as a call.
 */
public final class CountingComputation implements Computation {
    /** The exit code of a JVM halted by {@code halt-at}. */
    public static final int HALT_EXIT_CODE = 99;

    private String callsUrl;
    private String callsKey;
    private long sleepMillis;
    private long slowAt;
    private long slowMillis;
    private long throwAt;
    private long throwTimes;
    private long haltAt;
    private long haltTimes;
    private volatile RedisConnection counters;

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public String description() {
        return "test only: returns the index and counts calls per index in Redis";
    }

    @Override
    public void configure(Map<String, String> options) {
        callsUrl = options.getOrDefault("calls-url", System.getenv("REDIS_URL"));
        callsKey = options.get("calls-key");
        if (callsKey == null || callsKey.isBlank()) {
            throw new IllegalArgumentException("counting needs --option calls-key=KEY");
        }
        sleepMillis = number(options, "sleep-ms", 0);
        slowAt = number(options, "slow-at", -1);
        slowMillis = number(options, "slow-ms", 0);
        throwAt = number(options, "throw-at", -1);
        throwTimes = number(options, "throw-times", 0);
        haltAt = number(options, "halt-at", -1);
        haltTimes = number(options, "halt-times", 0);
    }

    private static long number(Map<String, String> options, String name, long fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("counting option " + name
                    + " must be a whole number, got '" + value + "'");
        }
    }

    @Override
    public double evaluate(long index) {
        long calls = counters().sync().hincrby(callsKey, Long.toString(index), 1);
        if (index == haltAt && (haltTimes == 0 || calls <= haltTimes)) {
            Runtime.getRuntime().halt(HALT_EXIT_CODE);
        }
        if (index == throwAt && (throwTimes == 0 || calls <= throwTimes)) {
            throw new IllegalStateException("poison at index " + index + ", call " + calls);
        }
        sleep(sleepMillis + (index == slowAt && calls == 1 ? slowMillis : 0));
        return index;
    }

    private RedisConnection counters() {
        RedisConnection connection = counters;
        if (connection == null) {
            synchronized (this) {
                if (counters == null) {
                    counters = RedisConnection.open(callsUrl);
                }
                connection = counters;
            }
        }
        return connection;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public Aggregate newAggregate() {
        return new SumAggregate();
    }
}
