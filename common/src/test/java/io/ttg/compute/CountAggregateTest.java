package io.ttg.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CountAggregateTest {

    private static CountAggregate countOf(long... values) {
        CountAggregate aggregate = new CountAggregate("primes");
        for (int i = 0; i < values.length; i++) {
            aggregate.add(i, values[i]);
        }
        return aggregate;
    }

    @Test
    void add_countsNonZeroResultsOnly() {
        assertThat(countOf(1, 0, 1, 0, 0, 2).count()).isEqualTo(3);
    }

    @Test
    void merge_isAssociative() {
        CountAggregate left = countOf(1, 1);
        left.merge(countOf(1, 0));
        left.merge(countOf(0, 1, 1));
        CountAggregate middle = countOf(1, 0);
        middle.merge(countOf(0, 1, 1));
        CountAggregate right = countOf(1, 1);
        right.merge(middle);

        assertThat(left.toJson()).isEqualTo(right.toJson()).isEqualTo("{\"count\":5}");
    }

    @Test
    void mergeJson_ownJson_roundTrips() {
        CountAggregate copy = new CountAggregate("primes");

        copy.mergeJson(countOf(1, 1, 0, 1).toJson());

        assertThat(copy.count()).isEqualTo(3);
        assertThat(copy.describe()).isEqualTo("3 primes");
    }

    @Test
    void mergeJson_otherKind_isRejected() {
        assertThatThrownBy(() -> new CountAggregate("primes").mergeJson("{\"index\":-1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate {\"index\":-1} has no field 'count'");
    }

    @Test
    void mergeJson_notJson_isRejected() {
        assertThatThrownBy(() -> new CountAggregate("primes").mergeJson("count=3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate is not JSON: count=3");
    }
}
