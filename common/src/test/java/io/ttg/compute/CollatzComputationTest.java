package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollatzComputationTest {
    private final CollatzComputation collatz = new CollatzComputation();

    @Test
    void evaluate_belowOneMillion_maxIs524StepsAt837799() {
        MaxAggregate max = (MaxAggregate) collatz.newAggregate();

        for (long index = 0; index < 1_000_000; index++) {
            max.add(index, collatz.evaluate(index));
        }

        assertThat(max.max()).isEqualTo(524.0);
        assertThat(max.index()).isEqualTo(837_799);
        assertThat(max.describe()).isEqualTo("max steps 524 at index 837799");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 0", "2, 1", "3, 7", "6, 8", "27, 111", "97, 118"})
    void stoppingTime_knownValues(long n, long steps) {
        assertThat(CollatzComputation.stoppingTime(n)).isEqualTo(steps);
    }

    @Test
    void stoppingTime_overflow_throwsArithmeticException() {
        assertThatThrownBy(() -> CollatzComputation.stoppingTime(Long.MAX_VALUE))
                .isInstanceOf(ArithmeticException.class);
    }
}
