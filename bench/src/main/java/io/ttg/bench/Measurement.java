package io.ttg.bench;

import java.util.Locale;

/**
 * The cost of one measured run.
 *
 * @param seconds wall-clock time
 * @param cpuSeconds CPU time of this JVM meanwhile: all its threads, JIT compilers and GC too
 * @param redisCpuSeconds CPU time of the Redis server meanwhile, or NaN when it is not measured
 * @param otherCores how many cores all other processes kept busy on average meanwhile, or NaN
 *     where /proc/stat cannot be read
 */
record Measurement(double seconds, double cpuSeconds, double redisCpuSeconds,
        double otherCores) {

    /** Returns the figures for one line of output, such as {@code 2.103 s (cpu 2.110 s, ...)}. */
    String format() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.3f s (cpu %.3f s",
                seconds, cpuSeconds));
        if (!Double.isNaN(redisCpuSeconds)) {
            text.append(String.format(Locale.ROOT, ", redis cpu %.2f s", redisCpuSeconds));
        }
        if (Double.isNaN(otherCores)) {
            text.append(", other load unknown)");
        } else {
            text.append(String.format(Locale.ROOT, ", other load %.2f cores)", otherCores));
        }
        return text.toString();
    }
}
