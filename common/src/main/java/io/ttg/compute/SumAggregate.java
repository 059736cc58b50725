package io.ttg.compute;

import com.fasterxml.jackson.databind.JsonNode;

/** The count and sum of all results. */
public final class SumAggregate implements Aggregate {
    private long count;
    private double sum;

    @Override
    public void add(long index, double value) {
        count++;
        sum += value;
    }

    @Override
    public void merge(Aggregate other) {
        SumAggregate that = (SumAggregate) other;
        count += that.count;
        sum += that.sum;
    }

    @Override
    public String toJson() {
        return AggregateJson.write("count", count, "sum", sum);
    }

    @Override
    public void mergeJson(String json) {
        JsonNode node = AggregateJson.read(json, "sum");
        count += node.path("count").asLong();
        sum += node.get("sum").asDouble();
    }

    /** Returns how many results were added. */
    public long count() {
        return count;
    }

    /** Returns the sum of the results. */
    public double sum() {
        return sum;
    }

    @Override
    public String describe() {
        return count + " results, sum " + ResultFormat.format(sum);
    }
}
