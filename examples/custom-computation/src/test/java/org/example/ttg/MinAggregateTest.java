package org.example.ttg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinAggregateTest {
    private static final Grid GRID = new Grid(11, 1.0);

    private static MinAggregate of(long[] indices, double[] values) {
        MinAggregate aggregate = new MinAggregate(GRID);
        for (int i = 0; i < indices.length; i++) {
            aggregate.add(indices[i], values[i]);
        }
        return aggregate;
    }

    @Test
    void add_tie_keepsLowestIndex() {
        MinAggregate forward = of(new long[] {3, 7, 9}, new double[] {2, 1, 1});
        MinAggregate backward = of(new long[] {9, 7, 3}, new double[] {1, 1, 2});

        assertThat(forward.index()).isEqualTo(7);
        assertThat(backward.index()).isEqualTo(7);
        assertThat(forward.min()).isEqualTo(1.0);
        assertThat(forward.count()).isEqualTo(3);
    }

    @Test
    void add_nan_countedButNeverMinimum() {
        MinAggregate aggregate = of(new long[] {0, 1}, new double[] {Double.NaN, 4});

        assertThat(aggregate.count()).isEqualTo(2);
        assertThat(aggregate.index()).isEqualTo(1);
    }

    @Test
    void empty_describesNoMinimum() {
        MinAggregate aggregate = new MinAggregate(GRID);

        assertThat(aggregate.toJson()).isEqualTo("{\"count\":0,\"index\":-1}");
        assertThat(aggregate.describe()).isEqualTo("0 points, no minimum yet");
    }

    @Test
    void toJson_mergeJson_roundTripIsExact() {
        MinAggregate original = of(new long[] {5, 6}, new double[] {0.1 + 0.2, 1e-300});
        MinAggregate copy = new MinAggregate(GRID);

        copy.mergeJson(original.toJson());

        assertThat(copy.toJson()).isEqualTo(original.toJson());
        assertThat(copy.min()).isEqualTo(1e-300);
    }

    @Test
    void mergeJson_emptyAggregate_changesNothingButCount() {
        MinAggregate aggregate = of(new long[] {4}, new double[] {2});

        aggregate.mergeJson("{\"count\":3,\"index\":-1}");

        assertThat(aggregate.count()).isEqualTo(4);
        assertThat(aggregate.index()).isEqualTo(4);
    }

    @Test
    void mergeJson_otherKind_isRejected() {
        MinAggregate aggregate = new MinAggregate(GRID);

        assertThatThrownBy(() -> aggregate.mergeJson("{\"count\":12}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate {\"count\":12} has no field 'index'");
        assertThatThrownBy(() -> aggregate.mergeJson("{\"count\":1,\"index\":4}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate {\"count\":1,\"index\":4} is not a rastrigin minimum: it"
                        + " needs a whole count, an index, and a numeric min when the index is"
                        + " not -1");
    }

    @Test
    void merge_anyChunkOrder_sameResult() {
        RastriginComputation computation = new RastriginComputation();
        computation.configure(java.util.Map.of("grid", "11", "bound", "1"));
        List<String> chunks = new ArrayList<>();
        for (long start = 0; start < GRID.size(); start += 10) {
            MinAggregate chunk = new MinAggregate(GRID);
            for (long index = start; index < Math.min(start + 10, GRID.size()); index++) {
                chunk.add(index, computation.evaluate(index));
            }
            chunks.add(chunk.toJson());
        }
        MinAggregate inOrder = new MinAggregate(GRID);
        chunks.forEach(inOrder::mergeJson);

        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<String> shuffled = new ArrayList<>(chunks);
            Collections.shuffle(shuffled, random);
            MinAggregate left = new MinAggregate(GRID);
            MinAggregate right = new MinAggregate(GRID);
            int split = random.nextInt(shuffled.size());
            shuffled.subList(0, split).forEach(left::mergeJson);
            shuffled.subList(split, shuffled.size()).forEach(right::mergeJson);
            right.merge(left);

            assertThat(right.toJson()).as("round %d", round).isEqualTo(inOrder.toJson());
        }
        assertThat(inOrder.describe()).isEqualTo("121 points, min 0 at index 60 (x=0, y=0)");
    }
}
