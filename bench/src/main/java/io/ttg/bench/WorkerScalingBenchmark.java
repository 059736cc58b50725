package io.ttg.bench;

import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.redis.RedisConnection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmark 2: a worker with two threads against one with one thread, on the in-memory queue and
 * on Redis, over the primes workload. Plain loops on one and two threads show the speedup that
 * the machine itself allows. The target is a median speedup of at least 1.9 for the worker.
 */
@Command(name = "worker-scaling",
        description = "Times a worker with two threads against one with one thread.")
public final class WorkerScalingBenchmark implements Callable<Integer> {
    private static final Target TARGET = Target.atLeast(1.9);
    private static final List<String> KINDS = List.of("plain", "in-memory", "redis");

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
        System.exit(Cli.execute(new WorkerScalingBenchmark(), args));
    }

    @Override
    public Integer call() {
        Rounds rounds = roundOptions.toRounds();
        RedisConnection connection = RedisConnection.open(redis.url);
        try (RedisChunkQueue redisQueue = new RedisChunkQueue(connection);
                RedisRuns runs = new RedisRuns(redisQueue, "scaling")) {
            PrimeSweep sweep = new PrimeSweep(parameters, chunkSize, CpuMeter.of(connection));
            printHeader(sweep, connection, rounds);
            List<Variant> variants = new ArrayList<>();
            for (int threads = 1; threads <= 2; threads++) {
                variants.addAll(variantsFor(threads, sweep, redisQueue, runs));
            }
            Variant.measureAll("warm-up (not counted)", variants, out);
            Rounds.Result result = rounds.measure(round -> orderOf(variants, round), out);
            out.println("primes counted by every run: " + sweep.expectedPrimes());
            printResults(result);
            out.println("load average at end (1, 5, 15 min): " + Machine.loadAverage());
        }
        return 0;
    }

    private void printHeader(PrimeSweep sweep, RedisConnection connection, Rounds rounds) {
        out.println("== TTG benchmark 2: two worker threads against one ==");
        Machine.print(out);
        out.println("workload: primality of indices 0.." + (sweep.parameters() - 1) + " in "
                + sweep.chunkCount() + " chunks of " + sweep.chunkSize() + "; Redis at "
                + connection.address());
        out.println("rounds: one warm-up round, then up to " + rounds.maxRounds() + " rounds"
                + " until " + rounds.quietRounds() + " are quiet; rounds 2, 4, ... run the variants"
                + " in reverse order");
    }

    private static List<Variant> variantsFor(int threads, PrimeSweep sweep,
            RedisChunkQueue redisQueue, RedisRuns runs) {
        return List.of(
                new Variant(name("plain", threads), () -> threads == 1 ? sweep.measurePlain()
                        : sweep.measurePlainThreads(threads)),
                new Variant(name("in-memory", threads), () -> sweep.measureWorker(
                        new InMemoryChunkQueue(), "bench-memory", threads)),
                new Variant(name("redis", threads), () -> runs.withNewRun(
                        runId -> sweep.measureWorker(redisQueue, runId, threads))));
    }

    private static String name(String kind, int threads) {
        return kind + "/" + threads + "t";
    }

    /** Returns the variants of round {@code round}, counted from 0: odd rounds reversed. */
    private static List<Variant> orderOf(List<Variant> variants, int round) {
        List<Variant> order = new ArrayList<>(variants);
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    private void printResults(Rounds.Result result) {
        for (String kind : KINDS) {
            Samples speedup = speedups(result.used(), kind);
            String verdict = kind.equals("plain") ? "reference: the machine's own speedup"
                    : TARGET.verdict(speedup.median());
            out.printf(Locale.ROOT, "RESULT %s speedup 2 threads/1 thread: median %.3f"
                    + " (rounds used: %s); %s%n", kind, speedup.median(), speedup.format("%.3f"),
                    verdict);
            out.printf(Locale.ROOT, "  %s median speedup over all %d rounds: %.3f%n", kind,
                    result.all().size(), speedups(result.all(), kind).median());
        }
    }

    private static Samples speedups(List<Map<String, Measurement>> rounds, String kind) {
        Samples speedups = new Samples();
        for (Map<String, Measurement> costs : rounds) {
            speedups.add(costs.get(name(kind, 1)).seconds() / costs.get(name(kind, 2)).seconds());
        }
        return speedups;
    }
}
