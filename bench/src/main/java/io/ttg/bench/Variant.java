package io.ttg.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One way of computing a benchmark's workload, such as the plain loop or a worker on Redis.
 *
 * @param name the name in the output, such as {@code in-memory}
 * @param trial computes the workload once and returns its cost
 */
record Variant(String name, Supplier<Measurement> trial) {

    /**
     * Measures each variant once, in the given order, and prints a line per variant.
     *
     * @return the cost of each variant by name
     */
    static Map<String, Measurement> measureAll(String label, List<Variant> order,
            PrintStream out) {
        out.println(label + ":");
        Map<String, Measurement> costs = new LinkedHashMap<>();
        for (Variant variant : order) {
            Measurement cost = variant.trial().get();
            costs.put(variant.name(), cost);
            out.printf(Locale.ROOT, "  %-12s %s%n", variant.name(), cost.format());
        }
        return costs;
    }

    /** Returns the variants rotated left by {@code round}, so each round starts with another. */
    static List<Variant> rotate(List<Variant> variants, int round) {
        List<Variant> order = new ArrayList<>(variants);
        Collections.rotate(order, -(round % variants.size()));
        return order;
    }
}
