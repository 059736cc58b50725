package io.ttg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Measured values of one quantity, such as seconds per run or a ratio per round. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    double min() {
        return sorted().get(0);
    }

    /** Returns the middle value, or the mean of the two middle values for an even count. */
    double median() {
        List<Double> sorted = sorted();
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Returns every value in measurement order, such as {@code 1.004, 0.998, 1.011}. */
    String format(String pattern) {
        return values.stream()
                .map(value -> String.format(Locale.ROOT, pattern, value))
                .collect(Collectors.joining(", "));
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no value was measured");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted;
    }
}
