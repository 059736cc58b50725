package io.ttg.queue;

import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on a real Redis server; lease expiry takes real time, so leases are short. */
class RedisChunkQueueTest extends ChunkQueueContract {
    private static TestRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
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
}
