package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SumAggregateTest {

    private static SumAggregate sumOf(double... values) {
        SumAggregate aggregate = new SumAggregate();
        for (int i = 0; i < values.length; i++) {
            aggregate.add(i, values[i]);
        }
        return aggregate;
    }

    @Test
    void add_countsAndSums() {
        SumAggregate sum = sumOf(1, 2, 0, 4);

        assertThat(sum.count()).isEqualTo(4);
        assertThat(sum.sum()).isEqualTo(7.0);
    }

    @Test
    void merge_isAssociative() {
        SumAggregate left = sumOf(1, 2);
        left.merge(sumOf(3));
        left.merge(sumOf(4, 5, 6));
        SumAggregate middle = sumOf(3);
        middle.merge(sumOf(4, 5, 6));
        SumAggregate right = sumOf(1, 2);
        right.merge(middle);

        assertThat(left.toJson()).isEqualTo(right.toJson())
                .isEqualTo("{\"count\":6,\"sum\":21.0}");
    }

    @Test
    void mergeJson_ownJson_roundTrips() {
        SumAggregate copy = new SumAggregate();

        copy.mergeJson(sumOf(0.5, 1e15, -3).toJson());

        assertThat(copy.count()).isEqualTo(3);
        assertThat(copy.sum()).isEqualTo(0.5 + 1e15 - 3);
    }

    @Test
    void describe_wholeSum_hasNoDecimalPoint() {
        assertThat(sumOf(1, 2, 3).describe()).isEqualTo("3 results, sum 6");
    }

    @Test
    void mergeJson_withoutSum_isRejected() {
        assertThatThrownBy(() -> new SumAggregate().mergeJson("{\"count\":3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate {\"count\":3} has no field 'sum'");
    }

    @Test
    void mergeJson_infiniteSum_roundTrips() {
        SumAggregate source = new SumAggregate();
        source.add(0, Double.POSITIVE_INFINITY);
        SumAggregate copy = new SumAggregate();

        copy.mergeJson(source.toJson());

        assertThat(copy.sum()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(copy.count()).isEqualTo(1);
    }
}
