package io.ttg.bench;

import java.util.Locale;

/**
 * A benchmark's goal, such as a ratio of at most 1.02 or a time below 0.3 s.
 *
 * @param bound the limit that a measured value is compared with
 * @param unit the unit of the bound in the output, such as {@code " s"}, or empty
 * @param upper true if values up to {@code bound} meet the goal, false if values from it up do
 * @param strict true if a value equal to {@code bound} misses the goal
 */
record Target(double bound, String unit, boolean upper, boolean strict) {

    static Target atMost(double bound) {
        return new Target(bound, "", true, false);
    }

    static Target atLeast(double bound) {
        return new Target(bound, "", false, false);
    }

    static Target belowSeconds(double bound) {
        return new Target(bound, " s", true, true);
    }

    boolean isMet(double value) {
        if (upper) {
            return strict ? value < bound : value <= bound;
        }
        return strict ? value > bound : value >= bound;
    }

    /** Returns the goal and the verdict on {@code value}, such as {@code target <= 1.02: met}. */
    String verdict(double value) {
        String operator = upper ? "<" : ">";
        if (!strict) {
            operator += "=";
        }
        String outcome = isMet(value) ? "met" : "MISSED";
        return String.format(Locale.ROOT, "target %s %s%s: %s", operator, bound, unit, outcome);
    }
}
