package io.ttg.bench;

import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.redis.RedisConnection;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmark 1: one worker thread computing primes, on the in-memory queue and on Redis, against
 * a plain loop over the same indices in the same JVM. Prints every time and the ratio TTG/plain
 * of each round; the target is a median wall-clock ratio of at most 1.02 over the quiet rounds.
 */
@Command(name = "worker-overhead",
        description = "Times one worker thread against a plain loop over the same primes.")
public final class WorkerOverheadBenchmark implements Callable<Integer> {
    private static final Target TARGET = Target.atMost(1.02);
    private static final String PLAIN = "plain";
    private static final List<String> BROKERS = List.of("in-memory", "redis");

    @Option(names = "--parameters", defaultValue = "10000000",
            description = "Indices to test for primality, N; default: ${DEFAULT-VALUE}.")
    long parameters;

    @Option(names = "--chunk-size", defaultValue = "10000",
            description = "Indices per chunk; default: ${DEFAULT-VALUE}.")
    int chunkSize;

    @Mixin
    RoundOptions roundOptions;

    @Mixin
    RedisOption redis;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(Cli.execute(new WorkerOverheadBenchmark(), args));
    }

    @Override
    public Integer call() {
        Rounds rounds = roundOptions.toRounds();
        RedisConnection connection = RedisConnection.open(redis.url);
        try (RedisChunkQueue redisQueue = new RedisChunkQueue(connection);
                RedisRuns runs = new RedisRuns(redisQueue, "overhead")) {
            CpuMeter meter = CpuMeter.of(connection);
            PrimeSweep sweep = new PrimeSweep(parameters, chunkSize, meter);
            printHeader(sweep, connection, rounds, meter);
            List<Variant> variants = List.of(
                    new Variant(PLAIN, sweep::measurePlain),
                    new Variant("in-memory", () -> sweep.measureWorker(new InMemoryChunkQueue(),
                            "bench-memory", 1)),
                    new Variant("redis", () -> runs.withNewRun(
                            runId -> sweep.measureWorker(redisQueue, runId, 1))));
            Variant.measureAll("warm-up (not counted)", variants, out);
            Rounds.Result result = rounds.measure(round -> Variant.rotate(variants, round), out);
            out.println("primes counted by every run: " + sweep.expectedPrimes());
            double plainMedian = printResults(result, sweep.chunkCount());
            printChunkCost(redisQueue, runs, meter, sweep.chunkCount(), plainMedian);
            out.println("load average at end (1, 5, 15 min): " + Machine.loadAverage());
        }
        return 0;
    }

    private void printHeader(PrimeSweep sweep, RedisConnection connection, Rounds rounds,
            CpuMeter meter) {
        out.println("== TTG benchmark 1: worker overhead against a plain loop ==");
        Machine.print(out);
        out.println("workload: primality of indices 0.." + (sweep.parameters() - 1) + " in "
                + sweep.chunkCount() + " chunks of " + sweep.chunkSize() + "; worker threads: 1;"
                + " Redis at " + connection.address() + (meter.watchesRedis() ? ""
                        : " (its CPU time is not visible here)"));
        out.println("rounds: one warm-up round, then up to " + rounds.maxRounds() + " rounds"
                + " until " + rounds.quietRounds() + " are quiet; each round starts with another"
                + " variant");
    }

    /** Prints the ratios of the rounds used and returns the plain loop's median seconds. */
    private double printResults(Rounds.Result result, long chunks) {
        Samples plain = seconds(result.used(), PLAIN);
        out.printf(Locale.ROOT, "plain loop: median %.3f s, min %.3f s%n", plain.median(),
                plain.min());
        for (String broker : BROKERS) {
            Samples wall = ratios(result.used(), broker, Measurement::seconds);
            Samples cpu = ratios(result.used(), broker, Measurement::cpuSeconds);
            Samples wallOfAll = ratios(result.all(), broker, Measurement::seconds);
            double perChunkMillis = (wall.median() - 1) * plain.median() / chunks * 1000;
            out.printf(Locale.ROOT, "RESULT %s/plain wall-clock ratio: median %.3f (rounds used:"
                    + " %s); %s%n", broker, wall.median(), wall.format("%.3f"),
                    TARGET.verdict(wall.median()));
            out.printf(Locale.ROOT, "  %s/plain CPU-time ratio of this JVM: median %.3f (%s);"
                    + " extra wall-clock time per chunk: %.3f ms; median wall-clock ratio over"
                    + " all %d rounds: %.3f%n", broker, cpu.median(), cpu.format("%.3f"),
                    perChunkMillis, result.all().size(), wallOfAll.median());
        }
        return plain.median();
    }

    private static Samples seconds(List<Map<String, Measurement>> rounds, String variant) {
        Samples samples = new Samples();
        rounds.forEach(costs -> samples.add(costs.get(variant).seconds()));
        return samples;
    }

    private static Samples ratios(List<Map<String, Measurement>> rounds, String variant,
            java.util.function.ToDoubleFunction<Measurement> figure) {
        Samples samples = new Samples();
        for (Map<String, Measurement> costs : rounds) {
            samples.add(figure.applyAsDouble(costs.get(variant))
                    / figure.applyAsDouble(costs.get(PLAIN)));
        }
        return samples;
    }

    /**
     * Measures workers over chunks of one index that costs nothing to compute, which leaves the
     * worker's cost per chunk: claim, complete, logging and metrics.
     */
    private void printChunkCost(RedisChunkQueue redisQueue, RedisRuns runs, CpuMeter meter,
            long chunks, double plainMedian) {
        double memory = bestOfThree(() -> WorkerTrial.run(new InMemoryChunkQueue(),
                emptyChunks("bench-empty", chunks), 1, meter));
        double onRedis = bestOfThree(() -> runs.withNewRun(
                runId -> WorkerTrial.run(redisQueue, emptyChunks(runId, chunks), 1, meter)));
        out.printf(Locale.ROOT, "cost per chunk without computation (%d chunks of one index of"
                + " 'simulate' with work-ms=0, best of 3): in-memory %.1f us, redis %.1f us;"
                + " for %d chunks that is %.2f %% and %.2f %% of the plain loop's median%n",
                chunks, memory / chunks * 1e6, onRedis / chunks * 1e6, chunks,
                memory / plainMedian * 100, onRedis / plainMedian * 100);
    }

    private static RunSpec emptyChunks(String runId, long chunks) {
        return new RunSpec(runId, chunks, 1, "simulate", Map.of("work-ms", "0"), 3, 60_000,
                false, System.currentTimeMillis());
    }

    /** Returns the lowest wall-clock seconds of three runs of {@code trial}. */
    private static double bestOfThree(Supplier<Measurement> trial) {
        Samples seconds = new Samples();
        for (int i = 0; i < 3; i++) {
            seconds.add(trial.get().seconds());
        }
        return seconds.min();
    }
}
