package io.ttg.compute;

import io.ttg.UsageException;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds computations by name through {@link ServiceLoader}. */
public final class Computations {
    private static final Logger log = LoggerFactory.getLogger(Computations.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Computations() {}

    /** Returns every computation on the class path by name, sorted. */
    public static Map<String, Computation> available() {
        Map<String, Computation> byName = new TreeMap<>();
        Iterator<ServiceLoader.Provider<Computation>> providers =
                ServiceLoader.load(Computation.class).stream().iterator();
        while (true) {
            Computation computation;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                computation = providers.next().get();
            } catch (ServiceConfigurationError e) {
                warnOnce("skipping a computation that cannot be loaded: " + e.getMessage());
                continue;
            }
            Computation first = byName.putIfAbsent(computation.name(), computation);
            if (first != null && first.getClass() != computation.getClass()) {
                warnOnce("computation name '" + computation.name() + "' is provided by both "
                        + first.getClass().getName() + " and " + computation.getClass().getName()
                        + "; using " + first.getClass().getName() + ", the first on the class"
                        + " path");
            }
        }
        return byName;
    }

    private static void warnOnce(String message) {
        if (WARNED.add(message)) {
            log.warn(message);
        }
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
