package io.ttg.compute;

import java.util.Map;

/**
 * An algorithm evaluated at every index of a parameter space. Implementations are found by
 * {@link #name()} through {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.ttg.compute.Computation} of a jar on the worker's class path.
 *
 * <p>A worker creates one instance per run and calls {@link #evaluate} from several threads at
 * once, so an implementation must be thread-safe; a stateless one is.
 */
public interface Computation {

    /** Returns the name that {@code --computation} selects, such as {@code primes}. */
    String name();

    /** Returns one line for {@code --help}: what is computed and what the aggregate is. */
    String description();

    /**
     * Applies the run's options, such as {@code work-ms=5}, before the first evaluation.
     *
     * @throws IllegalArgumentException naming the option and the accepted values when one is bad
     */
    default void configure(Map<String, String> options) {}

    /** Returns the result at parameter index {@code index}. */
    double evaluate(long index);

    /** Returns an empty aggregate, to which a worker adds every index of one chunk. */
    Aggregate newAggregate();
}
