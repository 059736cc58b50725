package org.example.ttg;

import io.ttg.compute.Aggregate;
import io.ttg.compute.Computation;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the two-dimensional Rastrigin function
 * {@code f(x, y) = 20 + x^2 - 10 cos(2 pi x) + y^2 - 10 cos(2 pi y)} at every point of a square
 * {@link Grid}, to find the grid point with the lowest value. The function has many local minima
 * and its global minimum is 0 at (0, 0), so a sweep over an odd grid must find exactly that.
 *
 * <p>Options: {@code grid}, the points per axis (required; the run needs {@code --params} equal
 * to grid * grid), and {@code bound}, the half-width of the square (default 5.12, the usual
 * domain of this test function).
 *
 * <p>Thread-safe: after {@link #configure} the only state is an immutable {@link Grid}, and
 * {@link #evaluate} is a pure function of the index, so a chunk computed twice gives the same
 * results.
 */
public final class RastriginComputation implements Computation {
    static final String NAME = "rastrigin";
    static final String GRID = "grid";
    static final String BOUND = "bound";
    static final double DEFAULT_BOUND = 5.12;

    private static final Set<String> OPTIONS = Set.of(GRID, BOUND);

    private volatile Grid grid;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Rastrigin function on a grid x grid square (--option grid=N, --params N*N);"
                + " aggregate: the minimum and its point";
    }

    /**
     * Reads and validates the options {@code grid} and {@code bound}.
     *
     * @throws IllegalArgumentException if grid is missing or invalid, bound is invalid, or an
     *     option has another name
     */
    @Override
    public void configure(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown " + NAME + " option '" + key
                        + "': the options are " + GRID + " (points per axis) and " + BOUND
                        + " (half-width of the square, default " + DEFAULT_BOUND + ")");
            }
        }
        String points = options.get(GRID);
        if (points == null) {
            throw new IllegalArgumentException(NAME + " option " + GRID + " is missing: the"
                    + " number of points per axis, e.g. --option " + GRID + "=101 with"
                    + " --params 10201");
        }
        grid = new Grid(parsePoints(points), parseBound(options.get(BOUND)));
    }

    private static int parsePoints(String text) {
        int points;
        try {
            points = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            points = -1;
        }
        if (points < 2) {
            throw new IllegalArgumentException(NAME + " option " + GRID + " must be a whole"
                    + " number from 2 to " + Integer.MAX_VALUE + ", got '" + text + "'");
        }
        return points;
    }

    private static double parseBound(String text) {
        if (text == null) {
            return DEFAULT_BOUND;
        }
        double bound;
        try {
            bound = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            bound = Double.NaN;
        }
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException(NAME + " option " + BOUND + " must be a positive"
                    + " number, such as 5.12, got '" + text + "'");
        }
        return bound;
    }

    /**
     * Returns f(x, y) at the grid point numbered {@code index}.
     *
     * @throws IllegalArgumentException if the index lies outside the grid, which happens when
     *     --params is larger than grid * grid; the chunk then fails
     */
    @Override
    public double evaluate(long index) {
        Grid current = requireGrid();
        if (!current.contains(index)) {
            throw new IllegalArgumentException("index " + index + " is outside the "
                    + current.pointsPerAxis() + " x " + current.pointsPerAxis() + " grid: run"
                    + " with --params " + current.size());
        }
        return rastrigin(current.x(index), current.y(index));
    }

    /** Returns the Rastrigin function of two variables at (x, y). */
    static double rastrigin(double x, double y) {
        return 20 + term(x) + term(y);
    }

    private static double term(double value) {
        return value * value - 10 * Math.cos(2 * Math.PI * value);
    }

    @Override
    public Aggregate newAggregate() {
        return new MinAggregate(requireGrid());
    }

    private Grid requireGrid() {
        Grid current = grid;
        if (current == null) {
            throw new IllegalStateException(NAME + " is not configured: call configure() with"
                    + " the option " + GRID + " first");
        }
        return current;
    }
}
