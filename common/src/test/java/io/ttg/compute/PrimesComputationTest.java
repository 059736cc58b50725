package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrimesComputationTest {
    private final PrimesComputation primes = new PrimesComputation();

    private long countBelow(long limit) {
        Aggregate aggregate = primes.newAggregate();
        for (long index = 0; index < limit; index++) {
            aggregate.add(index, primes.evaluate(index));
        }
        return ((CountAggregate) aggregate).count();
    }

    @Test
    void evaluate_belowOneMillion_counts78498Primes() {
        assertThat(countBelow(1_000_000)).isEqualTo(78_498);
    }

    @Test
    void evaluate_belowHundredThousand_counts9592Primes() {
        assertThat(countBelow(100_000)).isEqualTo(9_592);
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 3, 5, 7, 97, 7_919, 1_000_000_007L, 999_999_999_989L})
    void isPrime_primes_isTrue(long n) {
        assertThat(PrimesComputation.isPrime(n)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -7, 0, 1, 4, 9, 25, 49, 121, 1_000_000_008L,
            999_966_000_289L})
    void isPrime_nonPrimes_isFalse(long n) {
        assertThat(PrimesComputation.isPrime(n)).isFalse();
    }

    @Test
    void evaluate_returnsOneForPrimeZeroOtherwise() {
        assertThat(primes.evaluate(13)).isEqualTo(1.0);
        assertThat(primes.evaluate(15)).isEqualTo(0.0);
    }

    @Test
    void newAggregate_describesCount() {
        Aggregate aggregate = primes.newAggregate();
        aggregate.add(2, 1);
        aggregate.add(4, 0);

        assertThat(aggregate.describe()).isEqualTo("1 primes");
    }
}
