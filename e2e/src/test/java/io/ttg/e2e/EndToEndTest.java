package io.ttg.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.compute.Computations;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's Redis workflow with the built programs: enqueue, three workers, status. */
class EndToEndTest {
    private static TestRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void threeWorkerProcesses_primesBelowMillion_count78498() throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", redis.url());
        String run = "e2e-primes";

        Programs.Result enqueue = Programs.run("ttg-producer", env, "enqueue", "--params",
                "1000000", "--chunk-size", "10000", "--computation", "primes", "--run", run,
                "--save-output");
        assertThat(enqueue.exitCode()).as(enqueue.err()).isZero();
        List<Programs.Running> workers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            workers.add(Programs.start("ttg-worker", Map.of("REDIS_URL", redis.url(),
                    "WORKER_ID", "e2e-" + i), "--run", run, "--threads", "1"));
        }
        for (Programs.Running worker : workers) {
            assertThat(worker.await(Duration.ofSeconds(120))).as(worker.err()).isZero();
        }

        try (RedisChunkQueue queue = new RedisChunkQueue(RedisConnection.open(redis.url()))) {
            RunStatus status = queue.status(run).orElseThrow();
            assertThat(status.state()).isEqualTo(RunState.COMPLETED);
            assertThat(status.done()).isEqualTo(100);
            assertThat(status.parametersDone()).isEqualTo(1_000_000);
            assertThat(status.pending()).isZero();
            assertThat(status.leased()).isZero();
            assertThat(status.failed()).isZero();
            String aggregate = Computations.merge(Computations.create("primes", Map.of()),
                    queue.partialAggregates(run)).describe();
            assertThat(aggregate).isEqualTo("78498 primes");
        }
        for (Programs.Running worker : workers) {
            String[] lines = worker.out().strip().split("\n");
            assertThat(lines[lines.length - 1]).startsWith("Duration: ");
        }
        Programs.Result status = Programs.run("ttg-producer", env, "status", "--run", run);
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("COMPLETED").contains("78498 primes");
    }

    @Test
    void finishedRun_leavesFixedNumberOfKeys() throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", redis.url());
        String run = "e2e-keys";
        Programs.run("ttg-producer", env, "enqueue", "--params", "50000", "--chunk-size", "100",
                "--computation", "collatz", "--run", run, "--save-output");

        Programs.Result worker = Programs.run("ttg-worker", env, "--run", run, "--threads", "2");

        assertThat(worker.exitCode()).as(worker.err()).isZero();
        try (RedisConnection connection = RedisConnection.open(redis.url())) {
            List<String> keys = connection.sync().keys("{ttg:" + run + "}:*");
            assertThat(keys).containsExactlyInAnyOrder("{ttg:" + run + "}:spec",
                    "{ttg:" + run + "}:meta", "{ttg:" + run + "}:done",
                    "{ttg:" + run + "}:results");
        }
    }

    @Test
    void results_afterRun_writesEveryIndexInOrder() throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", redis.url());
        String run = "e2e-results";
        Programs.run("ttg-producer", env, "enqueue", "--params", "2500", "--chunk-size", "1000",
                "--computation", "collatz", "--run", run, "--save-output");
        Programs.run("ttg-worker", env, "--run", run);

        Programs.Result results = Programs.run("ttg-producer", env, "results", "--run", run);

        assertThat(results.exitCode()).as(results.err()).isZero();
        String[] lines = results.out().split("\n");
        assertThat(lines).hasSize(2501);
        assertThat(lines[0]).isEqualTo("index,result");
        assertThat(lines[1]).isEqualTo("0,0");
        assertThat(lines[28]).isEqualTo("27,111");
        assertThat(lines[2500]).startsWith("2499,");
        Programs.Result unwritable = Programs.run("ttg-producer", env, "results", "--run", run,
                "-o", "/nonexistent/folder/results.csv");
        assertThat(unwritable.exitCode()).isEqualTo(1);
        assertThat(unwritable.err().lines()).hasSize(1);
        assertThat(unwritable.err()).startsWith("ttg-producer: error: cannot write the results"
                + " to /nonexistent/folder/results.csv: ");
    }

    @Test
    void localRun_withoutRedis_printsResultAndSummary() throws Exception {
        Programs.Result run = Programs.run("ttg-producer", Map.of(), "run", "--params",
                "1000000", "--workers", "3", "--computation", "primes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("embedded broker").contains("Result: 78498 primes");
        assertThat(run.out()).containsPattern("(?m)^Duration: .*parameters: 1,000,000, chunks: 100");
    }
}
