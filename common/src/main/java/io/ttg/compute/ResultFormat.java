package io.ttg.compute;

/** Formats results for CSV and messages: whole numbers without a decimal point. */
public final class ResultFormat {
    private static final double EXACT_LONG_LIMIT = 9.007199254740992E15; // 2^53

    private ResultFormat() {}

    /** Returns {@code 42} for 42.0 and {@code 0.5} for 0.5. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG_LIMIT) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
