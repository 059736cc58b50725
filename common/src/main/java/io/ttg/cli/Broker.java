package io.ttg.cli;

import io.ttg.queue.ChunkQueue;
import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.RedisChunkQueue;
import io.ttg.redis.RedisConnection;

/** Opens the chunk queue that REDIS_URL names, or the embedded one when it is unset. */
public final class Broker {
    /** The variable that names the Redis server. */
    public static final String REDIS_URL = "REDIS_URL";

    private Broker() {}

    /** Returns whether REDIS_URL is set. */
    public static boolean configured(Environment environment) {
        return environment.get(REDIS_URL) != null;
    }

    /**
     * Opens the Redis queue at REDIS_URL.
     *
     * @throws io.ttg.UsageException if REDIS_URL is unset or malformed
     * @throws io.ttg.BrokerUnavailableException if the server is unreachable, or not ready yet
     * @throws io.ttg.BrokerRejectedException if the server is not Redis or rejected the password
     */
    public static ChunkQueue openRedis(Environment environment) {
        String url = environment.get(REDIS_URL);
        if (url == null) {
            throw new io.ttg.UsageException("REDIS_URL is not set; set it to the Redis server"
                    + " shared by producer and workers, e.g. REDIS_URL=redis://127.0.0.1:6379");
        }
        return new RedisChunkQueue(RedisConnection.open(url));
    }

    /** Opens the Redis queue if REDIS_URL is set, else an embedded in-memory queue. */
    public static ChunkQueue open(Environment environment) {
        return configured(environment) ? openRedis(environment) : new InMemoryChunkQueue();
    }

    /** Describes the broker for a start-up line, without credentials. */
    public static String describe(Environment environment) {
        String url = environment.get(REDIS_URL);
        if (url == null) {
            return "embedded broker in this JVM (set REDIS_URL to use Redis)";
        }
        return "Redis at " + RedisConnection.redact(url);
    }
}
