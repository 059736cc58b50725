package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ttg.ExitCodes;
import io.ttg.UsageException;
import io.ttg.testing.ProbeComputation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputationsTest {

    @Test
    void available_listsBuiltInsByName() {
        assertThat(Computations.available().keySet())
                .containsExactly("collatz", "primes", "simulate", ProbeComputation.NAME);
    }

    @Test
    void create_unknownName_listsAvailableNames() {
        assertThatThrownBy(() -> Computations.create("nope", Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown computation 'nope'; available: collatz, primes, simulate, "
                        + ProbeComputation.NAME + ". A computation of your own must be on the"
                        + " class path with a META-INF/services/io.ttg.compute.Computation entry")
                .extracting(error -> ((UsageException) error).exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void create_knownName_returnsNewConfiguredInstance() {
        Computation first = Computations.create("simulate", Map.of("work-ms", "0"));
        Computation second = Computations.create("simulate", Map.of());

        assertThat(first).isInstanceOf(SimulateComputation.class);
        assertThat(first).isNotSameAs(second);
        assertThat(first).isNotSameAs(Computations.available().get("simulate"));
    }

    @Test
    void merge_partialAggregates_returnsTotal() {
        Computation primes = Computations.create("primes", Map.of());

        Aggregate total = Computations.merge(primes,
                List.of("{\"count\":4}", "{\"count\":0}", "{\"count\":21}"));

        assertThat(total.describe()).isEqualTo("25 primes");
    }

    @Test
    void merge_aggregateOfOtherKind_isRejected() {
        Computation primes = Computations.create("primes", Map.of());

        assertThatThrownBy(() -> Computations.merge(primes, List.of("{\"sum\":1.0}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate {\"sum\":1.0} has no field 'count'");
    }

    @Test
    void descriptions_areOneLine() {
        for (Computation computation : Computations.available().values()) {
            assertThat(computation.description()).as(computation.name()).isNotBlank()
                    .doesNotContain("\n");
        }
    }
}
