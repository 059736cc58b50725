package io.ttg.bench;

import io.ttg.UsageException;
import picocli.CommandLine.Option;

/** The options that set how many rounds a benchmark measures and which rounds it keeps. */
final class RoundOptions {
    @Option(names = "--rounds", defaultValue = "5",
            description = "Quiet rounds to measure after one warm-up round; default:"
                    + " ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--max-rounds", defaultValue = "15",
            description = "Rounds to try at most while waiting for quiet ones; default:"
                    + " ${DEFAULT-VALUE}.")
    int maxRounds;

    @Option(names = "--max-other-load", defaultValue = "0.25",
            description = "Cores that other processes may keep busy on average during a run of"
                    + " a quiet round; the Redis server and this JVM do not count. Default:"
                    + " ${DEFAULT-VALUE}.")
    double maxOtherLoad;

    /** Checks the values and returns the rounds policy they describe. */
    Rounds toRounds() {
        if (rounds < 1) {
            throw new UsageException("--rounds must be at least 1, got " + rounds);
        }
        if (maxRounds < rounds) {
            throw new UsageException("--max-rounds must be at least --rounds (" + rounds
                    + "), got " + maxRounds);
        }
        if (!(maxOtherLoad >= 0)) {
            throw new UsageException("--max-other-load must be 0 or more cores, got "
                    + maxOtherLoad);
        }
        return new Rounds(rounds, maxRounds, maxOtherLoad);
    }
}
