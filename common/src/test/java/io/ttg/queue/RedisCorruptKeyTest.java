package io.ttg.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.ttg.CorruptKeyException;
import io.ttg.ExitCodes;
import io.ttg.TtgException;
import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Run keys that TTG did not write, or that hold the wrong type: every call fails with a
 * {@link TtgException} whose message names the key, never with a raw client exception.
 */
class RedisCorruptKeyTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static TestRedis redis;
    private static RedisClient plainClient;
    private static StatefulRedisConnection<String, String> plainConnection;
    private static RedisChunkQueue queue;

    private RunSpec spec;
    private RunKeys keys;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.local();
        plainClient = RedisClient.create(redis.url());
        plainConnection = plainClient.connect();
        queue = new RedisChunkQueue(RedisConnection.open(redis.url()));
    }

    @AfterAll
    static void stopRedis() {
        queue.close();
        plainConnection.close();
        plainClient.shutdown();
        redis.close();
    }

    @BeforeEach
    void newRun() {
        spec = new RunSpec("corrupt-" + RUNS.incrementAndGet(), 30, 10, "primes", Map.of(), 3,
                60_000, false, 0);
        keys = new RunKeys(spec.runId());
    }

    private static RedisCommands<String, String> plain() {
        return plainConnection.sync();
    }

    private static CorruptKeyException corruptKey(Runnable call) {
        return catchThrowableOfType(CorruptKeyException.class, call::run);
    }

    @Test
    void findSpec_specNotJson_namesSpecKey() {
        plain().set(keys.spec(), "not json");

        CorruptKeyException error = corruptKey(() -> queue.findSpec(spec.runId()));

        assertThat(error.key()).isEqualTo(keys.spec());
        assertThat(error.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(error.getMessage())
                .startsWith("key " + keys.spec() + " does not hold a TTG run spec (")
                .endsWith("); delete the key or use another --run");
    }

    @Test
    void findSpec_specWithoutFields_throwsCorruptKey() {
        plain().set(keys.spec(), "{}");

        CorruptKeyException error = corruptKey(() -> queue.findSpec(spec.runId()));

        assertThat(error.key()).isEqualTo(keys.spec());
        assertThat(error.getMessage()).contains("--run must be 1 to 64 letters");
    }

    @Test
    void status_specNotJson_throwsCorruptKey() {
        plain().set(keys.spec(), "[1, 2]");

        CorruptKeyException error = corruptKey(() -> queue.status(spec.runId()));

        assertThat(error.key()).isEqualTo(keys.spec());
    }

    @Test
    void enqueue_specNotJson_keepsForeignValue() {
        plain().set(keys.spec(), "not json");

        CorruptKeyException error = corruptKey(() -> queue.enqueue(spec));

        assertThat(error.key()).isEqualTo(keys.spec());
        assertThat(plain().get(keys.spec())).isEqualTo("not json");
        assertThat(plain().exists(keys.pending())).isZero();
    }

    @Test
    void status_metaIsString_namesMeta() {
        queue.enqueue(spec);
        plain().del(keys.meta());
        plain().set(keys.meta(), "foreign");

        CorruptKeyException error = corruptKey(() -> queue.status(spec.runId()));

        assertThat(error.key()).isEqualTo(keys.meta());
        assertThat(error.getMessage()).isEqualTo("key " + keys.meta() + " is a string, but TTG"
                + " stores a hash there; it was not written by TTG. Delete the run with"
                + " ttg-producer delete --force or use another --run");
        assertThat(error.getCause()).isNotNull();
    }

    @Test
    void claim_metaIsString_namesMeta() {
        queue.enqueue(spec);
        plain().del(keys.meta());
        plain().set(keys.meta(), "foreign");

        CorruptKeyException error = corruptKey(() -> queue.claim(spec, "w1"));

        assertThat(error.key()).isEqualTo(keys.meta());
        assertThat(error.getMessage()).startsWith("key " + keys.meta() + " is a string");
    }

    @Test
    void enqueue_metaIsString_namesMeta() {
        plain().set(keys.meta(), "foreign");

        CorruptKeyException error = corruptKey(() -> queue.enqueue(spec));

        assertThat(error.key()).isEqualTo(keys.meta());
        assertThat(error.getMessage()).startsWith("key " + keys.meta() + " is a string");
        assertThat(plain().exists(keys.spec())).isZero();
    }

    @Test
    void claim_pendingIsString_throwsCorruptKey() {
        queue.enqueue(spec);
        plain().del(keys.pending());
        plain().set(keys.pending(), "foreign");

        CorruptKeyException error = corruptKey(() -> queue.claim(spec, "w1"));

        assertThat(error.key()).isEqualTo(keys.pending());
        assertThat(error.getMessage()).startsWith("key " + keys.pending() + " is a string");
    }

    @Test
    void status_metaFieldNotNumber_namesField() {
        queue.enqueue(spec);
        plain().hset(keys.meta(), "params_done", "many");

        CorruptKeyException error = corruptKey(() -> queue.status(spec.runId()));

        assertThat(error.key()).isEqualTo(keys.meta());
        assertThat(error.getMessage()).isEqualTo("key " + keys.meta() + " field params_done"
                + " holds 'many', not a number; the key was not written by TTG");
    }

    @Test
    void enqueue_pushCursorNotNumber_namesField() {
        queue.enqueue(spec);
        plain().hset(keys.meta(), "queued", "1.5");

        CorruptKeyException error = corruptKey(() -> queue.enqueue(spec));

        assertThat(error.getMessage()).isEqualTo("key " + keys.meta() + " field queued holds"
                + " '1.5', not a number; the key was not written by TTG");
    }

    @Test
    void status_unknownState_throwsCorruptKey() {
        queue.enqueue(spec);
        plain().hset(keys.meta(), "state", "PAUSED");

        CorruptKeyException error = corruptKey(() -> queue.status(spec.runId()));

        assertThat(error.getMessage()).isEqualTo("key " + keys.meta() + " has state 'PAUSED',"
                + " which is not a TTG run state; the key was not written by TTG");
    }

    @Test
    void claim_leaseMillisNotNumber_namesMeta() {
        queue.enqueue(spec);
        plain().hset(keys.meta(), "lease_ms", "soon");

        Throwable error = catchThrowableOfType(TtgException.class,
                () -> queue.claim(spec, "w1"));

        assertThat(error.getMessage()).startsWith("claiming a chunk of run " + spec.runId()
                + " failed: ERR key " + keys.meta() + " field lease_ms or max_attempts is"
                + " missing or not a number; the key was not written by TTG");
        assertThat(plain().llen(keys.pending())).isEqualTo(3);
    }

    @Test
    void status_failedEntryNotJson_namesFailedKey() {
        queue.enqueue(spec);
        plain().hset(keys.failed(), "0", "oops");

        CorruptKeyException error = corruptKey(() -> queue.status(spec.runId()));

        assertThat(error.key()).isEqualTo(keys.failed());
        assertThat(error.getMessage()).startsWith("key " + keys.failed()
                + " holds an entry that is not JSON (");
    }

    @Test
    void claim_checkpointCut_throwsCorruptKeyNamingCheckpoints() {
        queue.enqueue(spec);
        plain().hset(keys.checkpoints(), "0", "abc");

        CorruptKeyException error = corruptKey(() -> queue.claim(spec, "w1"));

        assertThat(error.key()).isEqualTo(keys.checkpoints());
        assertThat(error.getMessage()).isEqualTo("key " + keys.checkpoints() + " holds a value"
                + " that is not a TTG checkpoint: checkpoint of 3 bytes is cut");
    }

    @Test
    void enqueue_specWithoutMeta_namesMeta() {
        plain().set(keys.spec(), Json.specJson(spec));

        CorruptKeyException error = corruptKey(() -> queue.enqueue(spec));

        assertThat(error.key()).isEqualTo(keys.meta());
        assertThat(error.getMessage()).contains("has a spec but no " + keys.meta() + " hash");
    }

    @Test
    void claim_pendingHoldsForeignEntry_namesPending() {
        queue.enqueue(spec);
        plain().lpush(keys.pending(), "foreign");

        Throwable error = org.assertj.core.api.Assertions.catchThrowable(
                () -> queue.claim(spec, "w1"));

        assertThat(error).hasMessageContaining(keys.pending())
                .hasMessageContaining("\"foreign\", which is not a chunk number");
        assertThat(plain().hlen(keys.attempts())).isZero();
    }
}
