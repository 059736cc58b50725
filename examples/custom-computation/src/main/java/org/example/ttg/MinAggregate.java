package org.example.ttg;

import com.fasterxml.jackson.databind.JsonNode;
import io.ttg.compute.Aggregate;
import io.ttg.compute.AggregateJson;
import io.ttg.compute.ResultFormat;

/**
 * The number of points evaluated, the minimum result, and the lowest index at which it occurs.
 * A tie goes to the lower index, so the result does not depend on the order in which chunks are
 * merged. NaN results are counted but never become the minimum.
 *
 * <p>Not thread-safe, as the {@link Aggregate} contract allows: a worker fills one per chunk.
 */
final class MinAggregate implements Aggregate {
    private final Grid grid;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private long index = -1;

    MinAggregate(Grid grid) {
        this.grid = grid;
    }

    @Override
    public void add(long index, double value) {
        count++;
        offer(value, index);
    }

    private void offer(double value, long at) {
        if (at < 0 || Double.isNaN(value)) {
            return;
        }
        if (index < 0 || value < min || (value == min && at < index)) {
            min = value;
            index = at;
        }
    }

    @Override
    public void merge(Aggregate other) {
        MinAggregate that = (MinAggregate) other;
        count += that.count;
        offer(that.min, that.index);
    }

    /** Returns the whole state as JSON. {@link Double#toString} writes the minimum exactly. */
    @Override
    public String toJson() {
        if (index < 0) {
            return "{\"count\":" + count + ",\"index\":-1}";
        }
        return "{\"count\":" + count + ",\"min\":" + min + ",\"index\":" + index + "}";
    }

    @Override
    public void mergeJson(String json) {
        JsonNode node = AggregateJson.read(json, "index");
        long at = node.get("index").asLong();
        boolean hasMin = node.path("min").isNumber();
        if (!node.path("count").isIntegralNumber() || (at >= 0 && !hasMin)) {
            throw new IllegalArgumentException("aggregate " + json + " is not a "
                    + RastriginComputation.NAME + " minimum: it needs a whole count, an index,"
                    + " and a numeric min when the index is not -1");
        }
        count += node.get("count").asLong();
        if (at >= 0) {
            offer(node.get("min").asDouble(), at);
        }
    }

    /** Returns how many results were added. */
    long count() {
        return count;
    }

    /** Returns the minimum result, or positive infinity when none was added. */
    double min() {
        return min;
    }

    /** Returns the lowest index with the minimum result, or -1 when none was added. */
    long index() {
        return index;
    }

    @Override
    public String describe() {
        if (index < 0) {
            return count + " points, no minimum yet";
        }
        return count + " points, min " + ResultFormat.format(min) + " at index " + index
                + " (x=" + ResultFormat.format(grid.x(index)) + ", y="
                + ResultFormat.format(grid.y(index)) + ")";
    }
}
