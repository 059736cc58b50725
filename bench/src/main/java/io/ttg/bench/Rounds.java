package io.ttg.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Measures rounds of variants until {@code quietRounds} rounds were quiet, or {@code maxRounds}
 * rounds were tried. A round is quiet when, in each of its runs, other processes kept at most
 * {@code maxOtherLoad} cores busy on average; on a shared machine the other rounds measure the
 * neighbours more than TTG. Every round is printed, kept or not.
 *
 * @param quietRounds quiet rounds to measure
 * @param maxRounds rounds to try at most
 * @param maxOtherLoad the most cores that other processes may keep busy in a quiet round
 */
record Rounds(int quietRounds, int maxRounds, double maxOtherLoad) {

    /**
     * The measured rounds: the cost of each variant by name, per round.
     *
     * @param used the rounds that results are computed from: the quiet ones, or every round if
     *     none was quiet
     * @param all every round, in the order measured
     */
    record Result(List<Map<String, Measurement>> used, List<Map<String, Measurement>> all) {}

    /**
     * Measures rounds; round {@code i}, counted from 0, runs the variants in the order that
     * {@code orderOfRound} returns for {@code i}.
     */
    Result measure(IntFunction<List<Variant>> orderOfRound, PrintStream out) {
        List<Map<String, Measurement>> quiet = new ArrayList<>();
        List<Map<String, Measurement>> all = new ArrayList<>();
        for (int round = 0; round < maxRounds && quiet.size() < quietRounds; round++) {
            Map<String, Measurement> costs = Variant.measureAll("round " + (round + 1),
                    orderOfRound.apply(round), out);
            all.add(costs);
            double load = maxOtherLoad(costs);
            if (load <= maxOtherLoad) {
                quiet.add(costs);
            } else {
                out.printf(Locale.ROOT, "  discarded: other processes kept up to %.2f cores"
                        + " busy, more than %.2f%n", load, maxOtherLoad);
            }
        }
        return summarize(quiet, all, out);
    }

    private Result summarize(List<Map<String, Measurement>> quiet,
            List<Map<String, Measurement>> all, PrintStream out) {
        out.printf(Locale.ROOT, "kept %d quiet rounds of %d (quiet: other load at most %.2f"
                + " cores in every run)%n", quiet.size(), all.size(), maxOtherLoad);
        if (quiet.isEmpty()) {
            out.println("WARNING: no round was quiet, so the results below use every round and"
                    + " measure the other processes as much as TTG");
            return new Result(all, all);
        }
        if (quiet.size() < quietRounds) {
            out.println("WARNING: fewer quiet rounds than the " + quietRounds + " requested");
        }
        return new Result(quiet, all);
    }

    /** Returns the highest other load of the round's runs; an unknown load counts as quiet. */
    private static double maxOtherLoad(Map<String, Measurement> costs) {
        double max = 0;
        for (Measurement cost : costs.values()) {
            if (!Double.isNaN(cost.otherCores())) {
                max = Math.max(max, cost.otherCores());
            }
        }
        return max;
    }
}
