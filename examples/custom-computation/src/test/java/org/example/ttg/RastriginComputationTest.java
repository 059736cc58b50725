package org.example.ttg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ttg.UsageException;
import io.ttg.compute.Aggregate;
import io.ttg.compute.Computation;
import io.ttg.compute.Computations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RastriginComputationTest {

    private static RastriginComputation configured(Map<String, String> options) {
        RastriginComputation computation = new RastriginComputation();
        computation.configure(options);
        return computation;
    }

    @Test
    void grid_numbersPointsRowByRow() {
        Grid grid = new Grid(3, 1.0);

        double[][] expected = {
            {-1, -1}, {0, -1}, {1, -1},
            {-1, 0}, {0, 0}, {1, 0},
            {-1, 1}, {0, 1}, {1, 1}
        };
        for (int index = 0; index < expected.length; index++) {
            assertThat(grid.x(index)).as("x of index %d", index).isEqualTo(expected[index][0]);
            assertThat(grid.y(index)).as("y of index %d", index).isEqualTo(expected[index][1]);
        }
        assertThat(grid.size()).isEqualTo(9);
    }

    @Test
    void grid_oddPoints_middleIsExactlyZero() {
        Grid grid = new Grid(101, 5.12);

        assertThat(grid.x(50)).isEqualTo(0.0);
        assertThat(grid.y(50 * 101)).isEqualTo(0.0);
        assertThat(grid.x(0)).isCloseTo(-5.12, within(1e-12));
        assertThat(grid.x(100)).isCloseTo(5.12, within(1e-12));
        assertThat(grid.y(grid.size() - 1)).isCloseTo(5.12, within(1e-12));
    }

    @Test
    void evaluate_origin_isExactlyZero() {
        RastriginComputation computation = configured(Map.of("grid", "101"));

        assertThat(computation.evaluate(5100)).isEqualTo(0.0);
    }

    @Test
    void evaluate_integerPoints_matchFormula() {
        RastriginComputation computation = configured(Map.of("grid", "3", "bound", "1"));

        assertThat(computation.evaluate(0)).isCloseTo(2.0, within(1e-12));
        assertThat(computation.evaluate(1)).isCloseTo(1.0, within(1e-12));
        assertThat(RastriginComputation.rastrigin(0.5, 0)).isCloseTo(20.25, within(1e-12));
    }

    @Test
    void evaluate_indexOutsideGrid_namesParams() {
        RastriginComputation computation = configured(Map.of("grid", "101"));

        assertThatThrownBy(() -> computation.evaluate(10201))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index 10201 is outside the 101 x 101 grid: run with"
                        + " --params 10201");
        assertThatThrownBy(() -> computation.evaluate(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluate_notConfigured_saysSo() {
        assertThatThrownBy(() -> new RastriginComputation().evaluate(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rastrigin is not configured: call configure() with the option grid"
                        + " first");
    }

    @Test
    void configure_gridMissing_showsExample() {
        assertThatThrownBy(() -> configured(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rastrigin option grid is missing: the number of points per axis,"
                        + " e.g. --option grid=101 with --params 10201");
    }

    @Test
    void configure_invalidGrid_showsValue() {
        for (String bad : List.of("1", "0", "-5", "ten", "2.5", "", "3000000000")) {
            assertThatThrownBy(() -> configured(Map.of("grid", bad)))
                    .as("grid=%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rastrigin option grid must be a whole number from 2 to"
                            + " 2147483647, got '" + bad + "'");
        }
    }

    @Test
    void configure_invalidBound_showsValue() {
        for (String bad : List.of("0", "-1", "NaN", "Infinity", "wide")) {
            assertThatThrownBy(() -> configured(Map.of("grid", "3", "bound", bad)))
                    .as("bound=%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rastrigin option bound must be a positive number, such as 5.12,"
                            + " got '" + bad + "'");
        }
    }

    @Test
    void configure_unknownOption_listsOptions() {
        assertThatThrownBy(() -> configured(Map.of("gird", "101")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown rastrigin option 'gird': the options are grid (points per"
                        + " axis) and bound (half-width of the square, default 5.12)");
    }

    @Test
    void serviceLoader_findsRastriginByName() {
        Computation computation = Computations.create("rastrigin", Map.of("grid", "5"));

        assertThat(computation).isInstanceOf(RastriginComputation.class);
        assertThat(Computations.available()).containsKey("rastrigin");
    }

    @Test
    void computationsCreate_badOption_isUsageError() {
        assertThatThrownBy(() -> Computations.create("rastrigin", Map.of("grid", "1")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("rastrigin option grid must be");
    }

    @Test
    void wholeSweep_findsGlobalMinimumAtOrigin() {
        RastriginComputation computation = configured(Map.of("grid", "101"));
        Aggregate aggregate = computation.newAggregate();

        for (long index = 0; index < 101 * 101; index++) {
            aggregate.add(index, computation.evaluate(index));
        }

        assertThat(aggregate.describe())
                .isEqualTo("10201 points, min 0 at index 5100 (x=0, y=0)");
    }

    @Test
    void evaluate_manyThreads_sameResultsAsOneThread() throws Exception {
        RastriginComputation computation = configured(Map.of("grid", "301"));
        double[] sequential = LongStream.range(0, 301 * 301)
                .mapToDouble(computation::evaluate).toArray();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> LongStream.range(0, sequential.length)
                        .mapToDouble(computation::evaluate).toArray()));
            }
            for (Future<double[]> future : futures) {
                assertThat(future.get()).containsExactly(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
