package org.example.ttg;

/**
 * A square grid of {@code pointsPerAxis} x {@code pointsPerAxis} points over
 * [-bound, bound] x [-bound, bound], numbered row by row: the point at column {@code c} and row
 * {@code r} has index {@code r * pointsPerAxis + c}. The column sets x and the row sets y, and
 * both run from -bound to +bound in equal steps.
 */
record Grid(int pointsPerAxis, double bound) {

    Grid {
        if (pointsPerAxis < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points per axis, got "
                    + pointsPerAxis);
        }
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("the grid bound must be a positive finite number,"
                    + " got " + bound);
        }
    }

    /** Returns the number of points, which is the --params value that covers the grid. */
    long size() {
        return (long) pointsPerAxis * pointsPerAxis;
    }

    /** Returns whether {@code index} numbers a point of this grid. */
    boolean contains(long index) {
        return index >= 0 && index < size();
    }

    /** Returns the x coordinate of the point at {@code index}. */
    double x(long index) {
        return coordinate(index % pointsPerAxis);
    }

    /** Returns the y coordinate of the point at {@code index}. */
    double y(long index) {
        return coordinate(index / pointsPerAxis);
    }

    /**
     * Returns the coordinate of step {@code step} of {@code pointsPerAxis - 1}. In this symmetric
     * form the numerator of the middle step of an odd grid is 0, so that point is exactly 0. The
     * ends are -bound and +bound up to rounding.
     */
    private double coordinate(long step) {
        long last = pointsPerAxis - 1;
        return bound * (2 * step - last) / last;
    }
}
