package io.ttg.cli;

import io.ttg.UsageException;
import java.util.Map;

/**
 * Resolves an option from its flag, then its environment variable, then its default, and checks
 * it. Errors name where the bad value came from, so a user knows whether to fix a flag or a
 * variable.
 */
public final class Environment {
    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** Returns the process environment. */
    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** Returns the variable's value, or null when it is unset or blank. */
    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * Returns a whole number of at least {@code min} from the flag, else the variable, else the
     * default.
     *
     * @throws UsageException naming the flag or variable when the value is not such a number
     */
    public long longValue(String flagValue, String flag, String variable, long fallback,
            long min) {
        return longValue(flagValue, flag, variable, fallback, min, Long.MAX_VALUE);
    }

    /** Like {@link #longValue(String, String, String, long, long)} with an upper bound too. */
    public long longValue(String flagValue, String flag, String variable, long fallback,
            long min, long max) {
        Source source = source(flagValue, flag, variable);
        if (source == null) {
            return fallback;
        }
        String digits = source.value.replace("_", "");
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            boolean whole = digits.matches("[-+]?[0-9]+");
            throw new UsageException(source.name + (whole ? " must be at most " + max
                    : " must be a whole number") + ", got '" + source.value + "'"
                    + source.hint(flag));
        }
        if (value < min) {
            throw new UsageException(source.name + " must be at least " + min + ", got "
                    + value + source.hint(flag));
        }
        if (value > max) {
            throw new UsageException(source.name + " must be at most " + max + ", got "
                    + value + source.hint(flag));
        }
        return value;
    }

    /** Like {@link #longValue} for values that must fit an int. */
    public int intValue(String flagValue, String flag, String variable, int fallback, int min) {
        long value = longValue(flagValue, flag, variable, fallback, min);
        if (value > Integer.MAX_VALUE) {
            Source source = source(flagValue, flag, variable);
            throw new UsageException(source.name + " must be at most " + Integer.MAX_VALUE
                    + ", got " + value + source.hint(flag));
        }
        return (int) value;
    }

    /**
     * Returns a decimal number of at least {@code min}, such as a lease length in seconds.
     *
     * @throws UsageException naming the flag or variable when the value is not such a number
     */
    public double decimalValue(String flagValue, String flag, String variable, double fallback,
            double min) {
        return decimalValue(flagValue, flag, variable, fallback, min, Double.MAX_VALUE);
    }

    /** Like {@link #decimalValue(String, String, String, double, double)} with an upper bound. */
    public double decimalValue(String flagValue, String flag, String variable, double fallback,
            double min, double max) {
        Source source = source(flagValue, flag, variable);
        if (source == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(source.value);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new UsageException(source.name + " must be a number, got '" + source.value
                    + "'" + source.hint(flag));
        }
        if (value < min) {
            throw new UsageException(source.name + " must be at least " + min + ", got "
                    + source.value + source.hint(flag));
        }
        if (value > max) {
            throw new UsageException(source.name + " must be at most " + max + ", got "
                    + source.value + source.hint(flag));
        }
        return value;
    }

    /**
     * Returns true or false from the flag, else the variable (true/false/yes/no/1/0), else the
     * default.
     */
    public boolean booleanValue(Boolean flagValue, String variable, boolean fallback) {
        if (flagValue != null) {
            return flagValue;
        }
        String value = get(variable);
        if (value == null) {
            return fallback;
        }
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on":
                return true;
            case "false", "no", "0", "off":
                return false;
            default:
                throw new UsageException(variable + " must be true or false, got '" + value + "'");
        }
    }

    /** Returns the flag's text, else the variable's, else the default. */
    public String text(String flagValue, String variable, String fallback) {
        if (flagValue != null) {
            return flagValue;
        }
        String value = get(variable);
        return value == null ? fallback : value;
    }

    private Source source(String flagValue, String flag, String variable) {
        if (flagValue != null) {
            return new Source(flag, flagValue.trim(), false);
        }
        String value = variable == null ? null : get(variable);
        return value == null ? null : new Source(variable, value, true);
    }

    private record Source(String name, String value, boolean fromEnvironment) {
        String hint(String flag) {
            return fromEnvironment ? " (from the environment; fix it or pass " + flag + ")" : "";
        }
    }
}
