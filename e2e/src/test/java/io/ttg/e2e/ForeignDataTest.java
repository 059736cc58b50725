package io.ttg.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A TTG key with a corrupt or foreign value, and a Redis that rejects the password: one error line
 * that names the key or the server, the documented exit code, and no stack trace.
 */
class ForeignDataTest {
    private static final String PASSWORD = "s3cret";
    private static TestRedis redis;
    private static RedisConnection connection;

    @BeforeAll
    static void start() {
        redis = TestRedis.local("--requirepass", PASSWORD);
        connection = RedisConnection.open(url(PASSWORD));
    }

    @AfterAll
    static void stop() {
        connection.close();
        redis.close();
    }

    @BeforeEach
    void empty() {
        connection.sync().flushall();
    }

    private static String url(String password) {
        return "redis://:" + password + "@127.0.0.1:" + redis.port();
    }

    /** Each case: run id, key suffix, how to corrupt it, program, arguments, and the message. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("spec", "set", "not json", "ttg-producer", "status --run R",
                        "key {ttg:R}:spec does not hold a TTG run spec"),
                Arguments.of("spec", "set", "not json", "ttg-worker", "--run R",
                        "key {ttg:R}:spec does not hold a TTG run spec"),
                Arguments.of("meta", "hset state", "BOGUS", "ttg-producer", "status --run R",
                        "key {ttg:R}:meta has state 'BOGUS', which is not a TTG run state"),
                Arguments.of("meta", "hset params_done", "many", "ttg-producer",
                        "status --run R", "key {ttg:R}:meta field params_done holds 'many',"
                                + " not a number"),
                Arguments.of("failed", "hset 0", "nope", "ttg-producer", "status --run R",
                        "key {ttg:R}:failed holds an entry that is not JSON"),
                Arguments.of("pending", "set", "x", "ttg-worker", "--run R",
                        "key {ttg:R}:pending is a string, but TTG stores a list there"),
                Arguments.of("checkpoints", "hset 0", "xx", "ttg-worker", "--run R",
                        "key {ttg:R}:checkpoints holds a value that is not a TTG checkpoint"));
    }

    @ParameterizedTest(name = "{3} {4} with {0} {1} {2}")
    @MethodSource("cases")
    void foreignValue_errorNamesKey(String key, String how, String value, String program,
            String args, String message) throws Exception {
        String run = "foreign-" + key;
        Map<String, String> env = Map.of("REDIS_URL", url(PASSWORD));
        Programs.Result enqueue = Programs.run("ttg-producer", env, "enqueue", "--run", run,
                "--params", "100", "--chunk-size", "10");
        assertThat(enqueue.exitCode()).as(enqueue.err()).isZero();
        corrupt("{ttg:" + run + "}:" + key, how, value);

        Programs.Result result = Programs.run(program, env, args.replace("R", run).split(" "));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(5);
        assertThat(result.err()).contains(program + ": error: ")
                .contains(message.replace("{ttg:R}", "{ttg:" + run + "}"))
                .doesNotContain("\tat ").doesNotContain(PASSWORD);
        assertThat(result.err().lines().filter(line -> line.contains("error"))).hasSize(1);
    }

    private static void corrupt(String key, String how, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String[] words = how.split(" ");
        if (words[0].equals("set")) {
            connection.sync().del(key);
            connection.sync().set(key, bytes);
        } else {
            connection.sync().hset(key, words[1], bytes);
        }
    }

    /** A wrong password cannot get better by waiting, so the worker does not retry it. */
    @Test
    void wrongPassword_workerExits3AtOnce() throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", url("wrong"));
        long started = System.nanoTime();

        Programs.Result result = Programs.run("ttg-worker", env, "--run", "r1");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until exit")
                .isLessThan(30_000);
        assertThat(result.err()).contains("rejected the connection")
                .contains("check the password").doesNotContain("retrying")
                .doesNotContain("wrong@").doesNotContain("\tat ");
    }
}
