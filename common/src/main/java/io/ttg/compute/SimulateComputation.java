package io.ttg.compute;

import java.util.Map;

/**
 * A stand-in for real work: sleeps {@code work-ms} milliseconds per index (SIMULATE_WORK_MS) and
 * returns the index itself.
 */
public final class SimulateComputation implements Computation {
    /** The option that sets the sleep per index, in milliseconds. */
    public static final String WORK_MS = "work-ms";

    private volatile long workMillis;

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String description() {
        return "sleeps SIMULATE_WORK_MS per index and returns the index; aggregate: count and sum";
    }

    @Override
    public void configure(Map<String, String> options) {
        String value = options.getOrDefault(WORK_MS, "0");
        try {
            workMillis = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            workMillis = -1;
        }
        if (workMillis < 0) {
            throw new IllegalArgumentException("simulate option " + WORK_MS
                    + " (SIMULATE_WORK_MS) must be a whole number of milliseconds >= 0, got '"
                    + value + "'");
        }
    }

    @Override
    public double evaluate(long index) {
        if (workMillis > 0) {
            try {
                Thread.sleep(workMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while simulating work", e);
            }
        }
        return index;
    }

    @Override
    public Aggregate newAggregate() {
        return new SumAggregate();
    }
}
