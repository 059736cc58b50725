package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaxAggregateTest {

    private static MaxAggregate maxOf(long firstIndex, double... values) {
        MaxAggregate aggregate = new MaxAggregate("steps");
        for (int i = 0; i < values.length; i++) {
            aggregate.add(firstIndex + i, values[i]);
        }
        return aggregate;
    }

    @Test
    void add_tie_keepsLowestIndex() {
        MaxAggregate max = new MaxAggregate("steps");
        max.add(5, 3);
        max.add(2, 3);
        max.add(9, 3);

        assertThat(max.index()).isEqualTo(2);
    }

    @Test
    void merge_tieInEitherOrder_keepsLowestIndex() {
        MaxAggregate lowFirst = maxOf(3, 9);
        lowFirst.merge(maxOf(7, 9));
        MaxAggregate highFirst = maxOf(7, 9);
        highFirst.merge(maxOf(3, 9));

        assertThat(lowFirst.index()).isEqualTo(3);
        assertThat(highFirst.index()).isEqualTo(3);
    }

    @Test
    void merge_isAssociative() {
        MaxAggregate left = maxOf(0, 1, 8, 2);
        left.merge(maxOf(3, 8, 1));
        left.merge(maxOf(5, 4, 7));
        MaxAggregate middle = maxOf(3, 8, 1);
        middle.merge(maxOf(5, 4, 7));
        MaxAggregate right = maxOf(0, 1, 8, 2);
        right.merge(middle);

        assertThat(left.toJson()).isEqualTo(right.toJson())
                .isEqualTo("{\"max\":8.0,\"index\":1}");
    }

    @Test
    void mergeJson_ownJson_roundTrips() {
        MaxAggregate copy = new MaxAggregate("steps");

        copy.mergeJson(maxOf(100, 4, 524, 3).toJson());

        assertThat(copy.max()).isEqualTo(524.0);
        assertThat(copy.index()).isEqualTo(101);
    }

    @Test
    void mergeJson_tieFromJson_keepsLowestIndex() {
        MaxAggregate max = maxOf(50, 7);

        max.mergeJson("{\"max\":7.0,\"index\":10}");

        assertThat(max.index()).isEqualTo(10);
    }

    @Test
    void empty_hasNoIndexAndRoundTrips() {
        MaxAggregate empty = new MaxAggregate("steps");
        MaxAggregate copy = maxOf(4, 2);

        copy.mergeJson(empty.toJson());

        assertThat(empty.toJson()).isEqualTo("{\"index\":-1}");
        assertThat(empty.index()).isEqualTo(-1);
        assertThat(empty.max()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(empty.describe()).isEqualTo("no steps yet");
        assertThat(copy.toJson()).isEqualTo("{\"max\":2.0,\"index\":4}");
    }

    @Test
    void merge_emptyIntoEmpty_staysEmpty() {
        MaxAggregate empty = new MaxAggregate("steps");

        empty.merge(new MaxAggregate("steps"));

        assertThat(empty.index()).isEqualTo(-1);
    }

    @Test
    void describe_fractionalMax_showsDecimals() {
        assertThat(maxOf(3, 0.25).describe()).isEqualTo("max steps 0.25 at index 3");
    }

    @Test
    void mergeJson_withoutIndex_isRejected() {
        assertThatThrownBy(() -> new MaxAggregate("steps").mergeJson("{\"count\":3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate {\"count\":3} has no field 'index'");
    }

    @Test
    void mergeJson_infiniteMaximum_roundTrips() {
        MaxAggregate source = new MaxAggregate("steps");
        source.add(7, Double.POSITIVE_INFINITY);
        MaxAggregate copy = new MaxAggregate("steps");

        copy.mergeJson(source.toJson());

        assertThat(copy.index()).isEqualTo(source.index());
        assertThat(copy.max()).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
