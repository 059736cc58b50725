package io.ttg.compute;

import com.fasterxml.jackson.databind.JsonNode;

/** The maximum result and the lowest index at which it occurs. */
public final class MaxAggregate implements Aggregate {
    private final String label;
    private double max = Double.NEGATIVE_INFINITY;
    private long index = -1;

    /** Creates a maximum described with {@code label}, such as {@code steps}. */
    public MaxAggregate(String label) {
        this.label = label;
    }

    @Override
    public void add(long index, double value) {
        offer(value, index);
    }

    private void offer(double value, long at) {
        if (at < 0) {
            return;
        }
        if (value > max || (value == max && at < index)) {
            max = value;
            index = at;
        }
    }

    @Override
    public void merge(Aggregate other) {
        MaxAggregate that = (MaxAggregate) other;
        offer(that.max, that.index);
    }

    @Override
    public String toJson() {
        if (index < 0) {
            return "{\"index\":-1}";
        }
        return AggregateJson.write("max", max, "index", index);
    }

    @Override
    public void mergeJson(String json) {
        JsonNode node = AggregateJson.read(json, "index");
        long at = node.get("index").asLong();
        if (at >= 0) {
            offer(node.path("max").asDouble(), at);
        }
    }

    /** Returns the maximum result, or negative infinity when empty. */
    public double max() {
        return max;
    }

    /** Returns the lowest index with the maximum result, or -1 when empty. */
    public long index() {
        return index;
    }

    @Override
    public String describe() {
        if (index < 0) {
            return "no " + label + " yet";
        }
        return "max " + label + " " + ResultFormat.format(max) + " at index " + index;
    }
}
