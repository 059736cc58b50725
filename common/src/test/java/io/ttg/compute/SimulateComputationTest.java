package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateComputationTest {

    @Test
    void evaluate_withWorkMillis_returnsIndex() {
        SimulateComputation simulate = new SimulateComputation();
        simulate.configure(Map.of(SimulateComputation.WORK_MS, "1"));

        assertThat(simulate.evaluate(123_456_789_012L)).isEqualTo(123_456_789_012.0);
    }

    @Test
    void evaluate_withoutOptions_returnsIndex() {
        SimulateComputation simulate = new SimulateComputation();
        simulate.configure(Map.of());

        assertThat(simulate.evaluate(7)).isEqualTo(7.0);
    }

    @Test
    void configure_paddedNumber_isAccepted() {
        SimulateComputation simulate = new SimulateComputation();

        simulate.configure(Map.of("work-ms", " 0 "));

        assertThat(simulate.evaluate(3)).isEqualTo(3.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", ""})
    void configure_invalidWorkMillis_isRejectedWithValue(String value) {
        SimulateComputation simulate = new SimulateComputation();

        assertThatThrownBy(() -> simulate.configure(Map.of("work-ms", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simulate option work-ms (SIMULATE_WORK_MS) must be a whole number"
                        + " of milliseconds >= 0, got '" + value + "'");
    }

    @Test
    void create_invalidWorkMillis_throwsUsageError() {
        assertThatThrownBy(() -> Computations.create("simulate", Map.of("work-ms", "-1")))
                .isInstanceOf(UsageException.class)
                .hasMessage("simulate option work-ms (SIMULATE_WORK_MS) must be a whole number"
                        + " of milliseconds >= 0, got '-1'");
    }

    @Test
    void evaluate_interrupted_throwsAndKeepsInterruptFlag() {
        SimulateComputation simulate = new SimulateComputation();
        simulate.configure(Map.of("work-ms", "1000"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> simulate.evaluate(1))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("interrupted while simulating work");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void newAggregate_sumsResults() {
        Aggregate aggregate = new SimulateComputation().newAggregate();
        aggregate.add(2, 2);
        aggregate.add(3, 3);

        assertThat(aggregate.describe()).isEqualTo("2 results, sum 5");
    }
}
