package io.ttg.compute;

import io.ttg.UsageException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds computations by name through {@link ServiceLoader}. */
public final class Computations {
    private Computations() {}

    /** Returns every computation on the class path by name, sorted. */
    public static Map<String, Computation> available() {
        Map<String, Computation> byName = new TreeMap<>();
        for (Computation computation : ServiceLoader.load(Computation.class)) {
            byName.putIfAbsent(computation.name(), computation);
        }
        return byName;
    }

    /**
     * Returns a new instance of the computation called {@code name}, configured with
     * {@code options}.
     *
     * @throws UsageException if no computation has that name or an option is invalid
     */
    public static Computation create(String name, Map<String, String> options) {
        Map<String, Computation> byName = available();
        Computation found = byName.get(name);
        if (found == null) {
            throw new UsageException("unknown computation '" + name + "'; available: "
                    + String.join(", ", byName.keySet()) + ". A computation of your own must be"
                    + " on the class path with a META-INF/services/" + Computation.class.getName()
                    + " entry");
        }
        Computation computation = newInstance(found);
        try {
            computation.configure(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return computation;
    }

    /**
     * Returns the merge of stored partial aggregates of {@code computation}.
     *
     * @throws IllegalArgumentException if a stored aggregate is not of the computation's kind
     */
    public static Aggregate merge(Computation computation, Iterable<String> partials) {
        Aggregate total = computation.newAggregate();
        for (String json : partials) {
            total.mergeJson(json);
        }
        return total;
    }

    private static Computation newInstance(Computation prototype) {
        try {
            return prototype.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create computation " + prototype.name(), e);
        }
    }
}
