package io.ttg.compute;

/**
 * Computes the total stopping time of every index: how many steps of n -> n/2 (n even) or
 * n -> 3n+1 (n odd) reach 1. Indices 0 and 1 take 0 steps.
 */
public final class CollatzComputation implements Computation {

    @Override
    public String name() {
        return "collatz";
    }

    @Override
    public String description() {
        return "Collatz total stopping time of the index; aggregate: the maximum and its index";
    }

    @Override
    public double evaluate(long index) {
        return stoppingTime(index);
    }

    /**
     * Returns the number of Collatz steps from {@code n} to 1.
     *
     * @throws ArithmeticException if a step overflows a long
     */
    public static long stoppingTime(long n) {
        long steps = 0;
        long value = n;
        while (value > 1) {
            value = (value & 1) == 0 ? value >>> 1 : Math.addExact(Math.multiplyExact(value, 3), 1);
            steps++;
        }
        return steps;
    }

    @Override
    public Aggregate newAggregate() {
        return new MaxAggregate("steps");
    }
}
