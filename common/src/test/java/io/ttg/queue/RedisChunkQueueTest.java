package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.ttg.BrokerUnavailableException;
import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on a real Redis server, where lease expiry takes real time, so leases are short.
 * The tests below the contract check what only Redis has: keys, scripts, restarts, outages.
 */
class RedisChunkQueueTest extends ChunkQueueContract {
    private static TestRedis redis;
    private static RedisClient plainClient;
    private static StatefulRedisConnection<String, String> plainConnection;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
        plainClient = RedisClient.create(redis.url());
        plainConnection = plainClient.connect();
    }

    @AfterAll
    static void stopRedis() {
        plainConnection.close();
        plainClient.shutdown();
        redis.close();
    }

    @Override
    protected ChunkQueue newQueue() {
        return new RedisChunkQueue(RedisConnection.open(redis.url()));
    }

    @Override
    protected void advance(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected ChunkQueue otherClient() {
        return new RedisChunkQueue(RedisConnection.open(redis.url()));
    }

    private static RedisCommands<String, String> plain() {
        return plainConnection.sync();
    }

    @Test
    void complete_lastChunk_leavesOnlyRecordKeys() {
        RunSpec spec = savingSpec(20, 10);
        queue.enqueue(spec);
        Lease first = claim(spec, "w1");
        queue.checkpoint(first, new Checkpoint(5, "{\"count\":1}", new byte[0]));
        queue.complete(first, new ChunkOutput("{\"count\":1}", new byte[] {1}));
        queue.complete(claim(spec, "w1"), output());
        RunKeys keys = new RunKeys(spec.runId());

        long transientKeys = plain().exists(keys.pending(), keys.leases(), keys.owners(),
                keys.attempts(), keys.checkpoints());

        assertThat(transientKeys).isZero();
        assertThat(plain().exists(keys.spec(), keys.meta(), keys.done(), keys.results()))
                .isEqualTo(4);
    }

    @Test
    void claim_afterScriptFlush_loadsScriptAgain() {
        RunSpec spec = spec(20, 10);
        queue.enqueue(spec);
        plain().scriptFlush();

        Lease lease = claim(spec, "w1");

        assertThat(lease.range().chunk()).isZero();
        assertThat(queue.complete(lease, output())).isEqualTo(Outcome.DONE);
    }

    @Test
    void enqueue_halfPushed_pushesTheRest() {
        RunSpec spec = spec(50_000, 10, 3, 60_000);
        queue.enqueue(spec);
        RunKeys keys = new RunKeys(spec.runId());
        plain().ltrim(keys.pending(), 0, 1_999);
        plain().hset(keys.meta(), "queued", "2000");
        plain().hset(keys.meta(), "state", "ENQUEUING");

        EnqueueResult again = queue.enqueue(spec);

        assertThat(again).isEqualTo(new EnqueueResult(false, 3_000, 5_000));
        assertThat(queue.status(spec.runId()).orElseThrow().state()).isEqualTo(RunState.QUEUED);
        List<Long> drained = drain(queue, spec);
        assertThat(drained).hasSize(5_000);
        assertThat(new HashSet<>(drained)).hasSize(5_000);
    }

    @Test
    void claim_restartWithoutPersistence_returnsMissing() {
        try (TestRedis volatileRedis = TestRedis.local()) {
            RunSpec spec = spec(20, 10);
            try (ChunkQueue before = new RedisChunkQueue(RedisConnection.open(volatileRedis.url()))) {
                before.enqueue(spec);
            }

            volatileRedis.kill();
            volatileRedis.restart();

            try (ChunkQueue after = new RedisChunkQueue(RedisConnection.open(volatileRedis.url()))) {
                assertThat(after.claim(spec, "w1")).isEqualTo(new ClaimResult.Missing());
                assertThat(after.findSpec(spec.runId())).isEmpty();
            }
        }
    }

    @Test
    void claim_restartWithAof_resumesRun() {
        try (TestRedis durableRedis = TestRedis.local("--appendonly", "yes",
                "--appendfsync", "always")) {
            RunSpec spec = spec(20, 10, 3, 60_000);
            try (ChunkQueue before = new RedisChunkQueue(RedisConnection.open(durableRedis.url()))) {
                before.enqueue(spec);
                before.complete(claimOn(before, spec), output());
            }

            durableRedis.kill();
            durableRedis.restart();

            try (ChunkQueue after = new RedisChunkQueue(RedisConnection.open(durableRedis.url()))) {
                assertThat(claimOn(after, spec).range().chunk()).isEqualTo(1);
                assertThat(after.status(spec.runId()).orElseThrow().parametersDone())
                        .isEqualTo(10);
            }
        }
    }

    @Test
    void claim_serverDown_throwsBrokerUnavailableQuickly() {
        try (TestRedis stopped = TestRedis.local()) {
            RunSpec spec = spec(20, 10);
            try (ChunkQueue client = new RedisChunkQueue(RedisConnection.open(stopped.url()))) {
                client.enqueue(spec);
                stopped.kill();
                long start = System.nanoTime();

                assertThatThrownBy(() -> client.claim(spec, "w1"))
                        .isInstanceOf(BrokerUnavailableException.class)
                        .hasMessageStartingWith("claiming a chunk of run " + spec.runId());
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isLessThan(Duration.ofSeconds(2));
            }
        }
    }

    private static Lease claimOn(ChunkQueue client, RunSpec spec) {
        ClaimResult result = client.claim(spec, "w1");
        assertThat(result).isInstanceOf(ClaimResult.Leased.class);
        return ((ClaimResult.Leased) result).lease();
    }
}
