package io.ttg.compute;

/** Tests every index for primality: the result is 1 for a prime and 0 otherwise. */
public final class PrimesComputation implements Computation {

    @Override
    public String name() {
        return "primes";
    }

    @Override
    public String description() {
        return "1 if the index is prime, else 0; aggregate: the count of primes";
    }

    @Override
    public double evaluate(long index) {
        return isPrime(index) ? 1 : 0;
    }

    /** Returns whether {@code n} is prime, by trial division with divisors of the form 6k +/- 1. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n < 4) {
            return true;
        }
        if (n % 2 == 0 || n % 3 == 0) {
            return false;
        }
        for (long d = 5; d <= n / d; d += 6) {
            if (n % d == 0 || n % (d + 2) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Aggregate newAggregate() {
        return new CountAggregate("primes");
    }
}
