package io.ttg.cli;

import java.time.Duration;

/** Formats durations and rates for people. */
public final class Durations {
    private Durations() {}

    /** Returns {@code 850 ms}, {@code 12.3 s}, {@code 4m 05s} or {@code 2h 03m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3_600) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh %02dm", seconds / 3600,
                (seconds % 3600) / 60);
    }

    /** Returns a whole count with thousands separators, such as {@code 1,000,000}. */
    public static String count(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    /** Returns {@code 1 chunk} or {@code 1,000 chunks}: the count and the noun in the right number. */
    public static String count(long value, String noun) {
        return count(value) + " " + (value == 1 ? noun : noun + "s");
    }

    /**
     * Returns the summary line that ends every worker and local run, for example
     * {@code Duration: 8.1 s, parameters: 1,000,000, chunks: 100, throughput: 123,457 parameters/s}.
     */
    public static String summaryLine(Duration duration, long parameters, long chunks) {
        double seconds = Math.max(duration.toNanos(), 1) / 1e9;
        return "Duration: " + format(duration) + ", parameters: " + count(parameters)
                + ", chunks: " + count(chunks) + ", throughput: "
                + count(Math.round(parameters / seconds)) + " parameters/s";
    }
}
