package io.ttg.compute;

import com.fasterxml.jackson.databind.JsonNode;

/** Counts the indices whose result is not zero, such as the primes in a range. */
public final class CountAggregate implements Aggregate {
    private final String noun;
    private long count;

    /** Creates a count described as {@code N noun}, such as {@code 12 primes}. */
    public CountAggregate(String noun) {
        this.noun = noun;
    }

    @Override
    public void add(long index, double value) {
        if (value != 0) {
            count++;
        }
    }

    @Override
    public void merge(Aggregate other) {
        count += ((CountAggregate) other).count;
    }

    @Override
    public String toJson() {
        return "{\"count\":" + count + "}";
    }

    @Override
    public void mergeJson(String json) {
        JsonNode node = AggregateJson.read(json, "count");
        count += node.get("count").asLong();
    }

    /** Returns how many indices had a non-zero result. */
    public long count() {
        return count;
    }

    @Override
    public String describe() {
        return count + " " + noun;
    }
}
