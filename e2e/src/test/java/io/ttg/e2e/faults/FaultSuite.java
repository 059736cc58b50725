package io.ttg.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.e2e.Programs;
import io.ttg.queue.Checkpoint;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import io.ttg.redis.RedisConnection;
import io.ttg.results.ResultCodec;
import io.ttg.testing.TestRedis;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the fault scenarios: starts real {@code redis-server} and {@code ttg-worker} processes
 * on loopback, injects faults by pid, and checks a run's invariants afterwards. Every process a
 * test starts is killed by its pid in {@link #stopEverything()}, even when the test fails.
 *
 * <p>Calls of the computation are counted in a second Redis that no scenario faults, so the
 * counts survive Redis restarts and tell "computed twice" from "recorded twice".
 */
abstract class FaultSuite {
    /** Maximum wait for a run or a process in any scenario. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Parameters between two checkpoints in most scenarios: the bound on work lost per fault. */
    static final int CHECKPOINT_PARAMETERS = 5;
    private static final Path TEST_CLASSES = testClasses();

    private static TestRedis counterRedis;
    private static RedisConnection counters;

    TestRedis redis;
    String redisUrl;
    RedisConnection inspector;
    RedisChunkQueue queue;
    private final List<WorkerProcess> processes = new ArrayList<>();

    @BeforeAll
    static void startCounters() {
        counterRedis = TestRedis.local();
        counters = RedisConnection.open(counterRedis.url());
    }

    @AfterAll
    static void stopCounters() {
        counters.close();
        counterRedis.close();
    }

    @AfterEach
    void stopEverything() {
        processes.forEach(WorkerProcess::destroy);
        if (queue != null) {
            queue.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Starts the run's Redis with extra server arguments, such as {@code --appendonly yes}. */
    void startRedis(String... arguments) {
        redis = TestRedis.local(arguments);
        redisUrl = redis.url();
        inspector = RedisConnection.open(redisUrl);
        queue = new RedisChunkQueue(inspector);
    }

    /**
     * Restarts the run's Redis and opens a new inspecting connection, because Lettuce's
     * reconnect delay after a long outage can exceed the test's patience.
     */
    void restartRedis() {
        redis.restart();
        queue.close();
        inspector = RedisConnection.open(redisUrl);
        queue = new RedisChunkQueue(inspector);
    }

    /** Starts the run's Redis with a password, which REDIS_URL of every program then carries. */
    void startRedisWithPassword(String password, String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--requirepass", password));
        redis = TestRedis.local(all.toArray(String[]::new));
        redisUrl = "redis://:" + password + "@127.0.0.1:" + redis.port();
        inspector = RedisConnection.open(redisUrl);
        queue = new RedisChunkQueue(inspector);
    }

    String countersUrl() {
        return counterRedis.url();
    }

    // ---- processes ----

    /** Runs {@code ttg-producer enqueue} for the sweep and checks that it succeeded. */
    void enqueue(Sweep sweep) throws Exception {
        Programs.Result result = producer(sweep.enqueueArguments(countersUrl()));
        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    Programs.Result producer(String... args) throws IOException, InterruptedException {
        return Programs.run("ttg-producer", environment("producer"), args);
    }

    WorkerProcess startProducer(String... args) throws IOException {
        return track(new WorkerProcess("producer", Programs.start("ttg-producer",
                environment("producer"), args)));
    }

    /**
     * Starts a worker on the sweep's run with one thread, checkpoints every 0.5 s or every
     * {@link #CHECKPOINT_PARAMETERS} parameters, and {@code overrides} given as flag and value
     * pairs, such as {@code "--threads", "3"}.
     */
    WorkerProcess startWorker(String id, Sweep sweep, String... overrides) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--run", sweep.run());
        options.put("--threads", "1");
        options.put("--checkpoint-seconds", "0.5");
        options.put("--checkpoint-parameters", Integer.toString(CHECKPOINT_PARAMETERS));
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            options.put(overrides[i], overrides[i + 1]);
        }
        List<String> args = new ArrayList<>();
        options.forEach((flag, value) -> {
            args.add(flag);
            args.add(value);
        });
        return startWorkerWith(id, environment(id), args.toArray(String[]::new));
    }

    WorkerProcess startWorkerWith(String id, Map<String, String> environment, String... args)
            throws IOException {
        return track(new WorkerProcess(id, Programs.start("ttg-worker", environment, args)));
    }

    private WorkerProcess track(WorkerProcess process) {
        processes.add(process);
        return process;
    }

    /**
     * Returns the environment of a started program: the run's Redis, the test classes (for the
     * counting computation) on TTG_CLASSPATH, and the programs' own logback.xml, not the tests'.
     */
    Map<String, String> environment(String workerId) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REDIS_URL", redisUrl);
        environment.put("WORKER_ID", workerId);
        environment.put("TTG_CLASSPATH", TEST_CLASSES.toString());
        environment.put("JAVA_OPTS", "-Dlogback.configurationFile=logback.xml"
                + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        return environment;
    }

    private static Path testClasses() {
        try {
            return Paths.get(CountingComputation.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes", e);
        }
    }

    /** Checks that a worker exits with {@code code} and, for 0, saw the run completed. */
    static void assertExit(WorkerProcess worker, int code) throws InterruptedException {
        assertThat(worker.await(PATIENCE)).as("exit code of %s; log:%n%s", worker, worker.log())
                .isEqualTo(code);
        assertThat(worker.log()).as("log of %s", worker).doesNotContain("\tat ");
    }

    /** Checks that a worker exited 0 only after the run completed, as its summary line shows. */
    static void assertFinishedRun(WorkerProcess worker, Sweep sweep, RunState state)
            throws InterruptedException {
        assertExit(worker, 0);
        assertThat(worker.out()).as("summary of %s", worker)
                .contains("run " + sweep.run() + " " + state + ",");
    }

    // ---- waiting ----

    /** Polls {@code condition} every 10 ms until it is true, and fails after the timeout. */
    static void waitUntil(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            pause(10);
        }
    }

    /** Polls {@code probe} every 10 ms until it returns a value. */
    static <T> T waitFor(Duration timeout, String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            pause(10);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ---- probes of the run's keys ----

    RunStatus status(Sweep sweep) {
        return queue.status(sweep.run()).orElseThrow(
                () -> new AssertionError("run " + sweep.run() + " not found"));
    }

    long parametersDone(Sweep sweep) {
        return queue.status(sweep.run()).map(RunStatus::parametersDone).orElse(0L);
    }

    static String key(Sweep sweep, String name) {
        return "{ttg:" + sweep.run() + "}:" + name;
    }

    /** Returns the leased chunks and the workers that hold them. */
    Map<Long, String> owners(Sweep sweep) {
        Map<Long, String> owners = new TreeMap<>();
        inspector.sync().hgetall(key(sweep, "owners")).forEach((chunk, owner) -> {
            String text = new String(owner, StandardCharsets.UTF_8);
            owners.put(Long.parseLong(chunk), text.substring(text.indexOf(':') + 1));
        });
        return owners;
    }

    /** Returns the chunk's saved checkpoint, or {@link Checkpoint#NONE}. */
    Checkpoint checkpoint(Sweep sweep, long chunk) {
        return Checkpoint.decode(inspector.sync().hget(key(sweep, "checkpoints"),
                Long.toString(chunk)));
    }

    List<Long> pendingChunks(Sweep sweep) {
        List<Long> chunks = new ArrayList<>();
        for (byte[] chunk : inspector.sync().lrange(key(sweep, "pending"), 0, -1)) {
            chunks.add(Long.parseLong(new String(chunk, StandardCharsets.UTF_8)));
        }
        return chunks;
    }

    /** Returns the number of calls of the computation per index, from the counter Redis. */
    Map<Long, Long> calls(Sweep sweep) {
        Map<Long, Long> calls = new TreeMap<>();
        counters.sync().hgetall(sweep.callsKey()).forEach((index, count) -> calls.put(
                Long.parseLong(index), Long.parseLong(new String(count, StandardCharsets.UTF_8))));
        return calls;
    }

    long calls(Sweep sweep, long index) {
        return calls(sweep).getOrDefault(index, 0L);
    }

    /** Returns calls beyond the first, summed over every index: the repeated computation. */
    long extraCalls(Sweep sweep) {
        return calls(sweep).values().stream().mapToLong(count -> Math.max(0, count - 1)).sum();
    }

    // ---- the invariants checked after every scenario ----

    /**
     * Checks a finished run: its state; parameters counted equal to those of the done chunks,
     * never more; nothing pending or leased; exactly one correct result record per index of every
     * done chunk, none for failed chunks; every recorded index computed; and at most
     * {@code maxExtraCalls} calls of the computation beyond the first per index.
     */
    void assertRunInvariants(Sweep sweep, RunState state, Set<Long> failedChunks,
            long maxExtraCalls) {
        RunStatus status = status(sweep);
        long failedParameters = failedChunks.stream()
                .mapToLong(chunk -> sweep.end(chunk) - sweep.start(chunk)).sum();

        assertThat(status.state()).as("state").isEqualTo(state);
        assertThat(status.parametersDone()).as("parameters counted")
                .isEqualTo(sweep.params() - failedParameters);
        assertThat(status.pending()).as("chunks pending").isZero();
        assertThat(status.leased()).as("chunks leased").isZero();
        assertThat(inspector.sync().exists(key(sweep, "owners"), key(sweep, "leases"),
                key(sweep, "pending"))).as("keys of pending or leased chunks").isZero();
        assertThat(status.failures()).as("failed chunks")
                .extracting(failure -> failure.range().chunk())
                .containsExactlyInAnyOrderElementsOf(failedChunks);
        assertThat(status.done()).as("done chunks")
                .isEqualTo(sweep.chunks() - failedChunks.size());
        assertThat(inspector.sync().hlen(key(sweep, "results"))).as("result records")
                .isEqualTo(sweep.chunks() - failedChunks.size());

        assertResultRecords(sweep, failedChunks);
        assertThat(extraCalls(sweep)).as("calls of the computation beyond one per index")
                .isLessThanOrEqualTo(maxExtraCalls);
    }

    private void assertResultRecords(Sweep sweep, Set<Long> failedChunks) {
        Map<Long, Long> calls = calls(sweep);
        List<byte[]> records = queue.results(sweep.run(), 0, (int) sweep.chunks());
        for (long chunk = 0; chunk < sweep.chunks(); chunk++) {
            byte[] record = records.get((int) chunk);
            if (failedChunks.contains(chunk)) {
                assertThat(record).as("result record of failed chunk %d", chunk).isNull();
                continue;
            }
            assertThat(record).as("result record of chunk %d", chunk).isNotNull();
            double[] values = ResultCodec.decode(record);
            assertThat(values).as("results of chunk %d", chunk)
                    .hasSize((int) (sweep.end(chunk) - sweep.start(chunk)));
            for (int i = 0; i < values.length; i++) {
                long index = sweep.start(chunk) + i;
                assertThat(values[i]).as("result of index %d", index).isEqualTo(index);
                assertThat(calls.getOrDefault(index, 0L)).as("calls of index %d", index)
                        .isPositive();
            }
        }
    }
}
