package io.ttg.compute;

/**
 * A reduction over per-index results, such as a count or a maximum. Workers fill one per chunk
 * and store it as JSON; {@code status} and the summaries merge the chunks' aggregates. Merging
 * must be associative and commutative, because chunks finish in any order.
 *
 * <p>Instances are not thread-safe: each chunk has its own.
 */
public interface Aggregate {

    /** Adds the result of one index. */
    void add(long index, double value);

    /** Merges another aggregate of the same computation into this one. */
    void merge(Aggregate other);

    /** Returns this aggregate as JSON, to be read back by {@link #mergeJson}. */
    String toJson();

    /**
     * Merges an aggregate stored by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is not this kind of aggregate
     */
    void mergeJson(String json);

    /** Returns the aggregate for people, such as {@code 78498 primes}. */
    String describe();
}
