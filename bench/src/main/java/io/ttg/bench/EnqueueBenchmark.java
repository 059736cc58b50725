package io.ttg.bench;

import io.ttg.queue.EnqueueResult;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunStatus;
import io.ttg.redis.RedisConnection;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmark 3: {@link RedisChunkQueue#enqueue} of N parameters in small chunks, each time as a
 * new run that is deleted afterwards. The first enqueue in the JVM also loads the Lua scripts
 * and compiles Lettuce's code paths, as in a producer that enqueues one run and exits, so it is
 * reported apart. The target is a median below 0.3 s over the quiet rounds.
 */
@Command(name = "enqueue",
        description = "Times RedisChunkQueue.enqueue of one run, repeatedly.")
public final class EnqueueBenchmark implements Callable<Integer> {
    private static final Target TARGET = Target.belowSeconds(0.3);
    private static final String ENQUEUE = "enqueue";

    @Option(names = "--parameters", defaultValue = "10000000",
            description = "Parameters of each run, N; default: ${DEFAULT-VALUE}.")
    long parameters;

    @Option(names = "--chunk-size", defaultValue = "100",
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
        System.exit(Cli.execute(new EnqueueBenchmark(), args));
    }

    @Override
    public Integer call() {
        Rounds rounds = roundOptions.toRounds();
        RedisConnection connection = RedisConnection.open(redis.url);
        try (RedisChunkQueue queue = new RedisChunkQueue(connection);
                RedisRuns runs = new RedisRuns(queue, "enqueue")) {
            CpuMeter meter = CpuMeter.of(connection);
            long chunks = spec("check", 0).chunkCount();
            out.println("== TTG benchmark 3: enqueue on Redis ==");
            Machine.print(out);
            out.println("workload: " + parameters + " parameters in " + chunks + " chunks of "
                    + chunkSize + ", each time as a new run; Redis at " + connection.address()
                    + " " + serverDescription(connection));
            out.println("rounds: the first enqueue in this JVM, then up to " + rounds.maxRounds()
                    + " rounds of one enqueue until " + rounds.quietRounds() + " are quiet");
            Variant enqueue = new Variant(ENQUEUE, () -> runs.withNewRun(
                    runId -> measureEnqueue(queue, runId, meter, chunks)));
            Measurement first = Variant.measureAll("first in this JVM", List.of(enqueue), out)
                    .get(ENQUEUE);
            Rounds.Result result = rounds.measure(round -> List.of(enqueue), out);
            printResults(result, first, chunks);
        }
        return 0;
    }

    private void printResults(Rounds.Result result, Measurement first, long chunks) {
        Samples seconds = new Samples();
        result.used().forEach(costs -> seconds.add(costs.get(ENQUEUE).seconds()));
        Samples all = new Samples();
        result.all().forEach(costs -> all.add(costs.get(ENQUEUE).seconds()));
        out.printf(Locale.ROOT, "RESULT enqueue of %d parameters as %d chunks: min %.3f s,"
                + " median %.3f s (rounds used: %s); %s%n", parameters, chunks, seconds.min(),
                seconds.median(), seconds.format("%.3f"), TARGET.verdict(seconds.median()));
        out.printf(Locale.ROOT, "  first enqueue in this JVM: %.3f s (%s); median over all %d"
                + " rounds: %.3f s%n", first.seconds(), TARGET.verdict(first.seconds()),
                result.all().size(), all.median());
    }

    private Measurement measureEnqueue(RedisChunkQueue queue, String runId, CpuMeter meter,
            long chunks) {
        RunSpec spec = spec(runId, System.currentTimeMillis());
        Stopwatch stopwatch = meter.start();
        EnqueueResult result = queue.enqueue(spec);
        Measurement cost = stopwatch.stop();
        RunStatus status = queue.status(runId).orElseThrow(() -> new IllegalStateException(
                "run " + runId + " is missing right after its enqueue"));
        if (!result.created() || result.chunksPushed() != chunks || status.pending() != chunks) {
            throw new IllegalStateException("enqueue of run " + runId + " pushed "
                    + result.chunksPushed() + " chunks and left " + status.pending()
                    + " pending, expected " + chunks + " of each");
        }
        return cost;
    }

    private RunSpec spec(String runId, long createdAtMillis) {
        return new RunSpec(runId, parameters, chunkSize, "primes", Map.of(), 3, 60_000, false,
                createdAtMillis);
    }

    /** Returns the server's version and persistence settings, which change enqueue times. */
    private static String serverDescription(RedisConnection connection) {
        Map<String, String> server = connection.info("server");
        Map<String, String> persistence = connection.info("persistence");
        return "(redis " + server.get("redis_version") + ", aof_enabled="
                + persistence.get("aof_enabled") + ")";
    }
}
