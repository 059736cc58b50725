package io.ttg.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.redis.RedisConnection;
import io.ttg.testing.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad flags, variables and servers: each gives a one-line error that names the value, its
 * documented exit code, and writes nothing to Redis.
 */
class BadInputTest {
    private static TestRedis redis;
    private static ServerSocket notRedis;
    private static int closedPort;

    @BeforeAll
    static void start() throws IOException {
        redis = TestRedis.local();
        notRedis = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread answering = new Thread(BadInputTest::answerLikeHttp, "not-redis");
        answering.setDaemon(true);
        answering.start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        notRedis.close();
        redis.close();
    }

    private static void answerLikeHttp() {
        while (!notRedis.isClosed()) {
            try (Socket client = notRedis.accept()) {
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    static Stream<Arguments> producerCases() {
        return Stream.of(
                Arguments.of("--params 0", Map.of(), 2, "--params must be at least 1, got 0"),
                Arguments.of("--params -1", Map.of(), 2, "--params must be at least 1, got -1"),
                Arguments.of("--params abc", Map.of(), 2,
                        "--params must be a whole number, got 'abc'"),
                Arguments.of("", Map.of("TOTAL_PARAMETERS", "abc"), 2,
                        "TOTAL_PARAMETERS must be a whole number, got 'abc' (from the"
                                + " environment; fix it or pass --params)"),
                Arguments.of("", Map.of("TOTAL_PARAMETERS", "0"), 2,
                        "TOTAL_PARAMETERS must be at least 1, got 0 (from the environment;"
                                + " fix it or pass --params)"),
                Arguments.of("", Map.of(), 2, "--params is required"),
                Arguments.of("--params 10 --chunk-size 0", Map.of(), 2,
                        "--chunk-size must be at least 1, got 0"),
                Arguments.of("--params 10", Map.of("BATCH_SIZE", "0"), 2,
                        "BATCH_SIZE must be at least 1, got 0"),
                Arguments.of("--params 10 --computation nope", Map.of(), 2,
                        "unknown computation 'nope'; available: collatz, primes, simulate."),
                Arguments.of("--params 10", Map.of("SIMULATE_WORK_MS", "slow"), 2,
                        "SIMULATE_WORK_MS must be a whole number, got 'slow'"),
                Arguments.of("--params 10", Map.of("SAVE_OUTPUT", "maybe"), 2,
                        "SAVE_OUTPUT must be true or false, got 'maybe'"),
                Arguments.of("--params 10 --max-attempts 0", Map.of(), 2,
                        "--max-attempts must be at least 1, got 0"),
                Arguments.of("--params 10 --lease-seconds 0.01", Map.of(), 2,
                        "--lease-seconds must be at least 0.1, got 0.01"),
                Arguments.of("--params 10 --no-such-flag", Map.of(), 2,
                        "Unknown option: '--no-such-flag'"),
                Arguments.of("--params 10", Map.of("REDIS_URL", "http://127.0.0.1:6379"), 2,
                        "REDIS_URL must start with redis:// or rediss://"),
                Arguments.of("--params 10", Map.of("REDIS_URL", "redis://127.0.0.1:abc"), 2,
                        "REDIS_URL 'redis://127.0.0.1:abc' is malformed"),
                Arguments.of("--params 10", Map.of("REDIS_URL", "redis://:secret@127.0.0.1:"
                        + "CLOSED"), 3, "cannot connect to Redis at 127.0.0.1:CLOSED"),
                Arguments.of("--params 10", Map.of("REDIS_URL", "redis://127.0.0.1:NOT_REDIS"),
                        3, "the server at 127.0.0.1:NOT_REDIS accepted a connection but did not"
                                + " answer as Redis"));
    }

    @ParameterizedTest(name = "enqueue {0} {1}")
    @MethodSource("producerCases")
    void enqueue_badInput_oneLineErrorAndNothingWritten(String args, Map<String, String> env,
            int exitCode, String message) throws Exception {
        Map<String, String> environment = environment(env);
        String[] command = ("enqueue --run bad-input " + args).trim().split(" +");

        Programs.Result result = Programs.run("ttg-producer", environment, command);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("ttg-producer: error: ")
                .contains(ports(message)).doesNotContain("secret");
        assertThat(keysInRedis()).isZero();
    }

    static Stream<Arguments> otherCases() {
        return Stream.of(
                Arguments.of("ttg-producer", "status --run missing-run", Map.of(), 4,
                        "run 'missing-run' not found on Redis at redis://127.0.0.1:"),
                Arguments.of("ttg-producer", "status", Map.of(), 2, "--run is required"),
                Arguments.of("ttg-producer", "results --run missing-run", Map.of(), 4,
                        "run 'missing-run' not found"),
                Arguments.of("ttg-worker", "", Map.of(), 2, "--run is required"),
                Arguments.of("ttg-worker", "--run r1 --threads 0", Map.of(), 2,
                        "--threads must be at least 1, got 0"),
                Arguments.of("ttg-worker", "--run r1", Map.of("REDIS_URL", ""), 2,
                        "REDIS_URL is not set"),
                Arguments.of("ttg-worker", "--run r1", Map.of("WORKER_THREADS", "many"), 2,
                        "WORKER_THREADS must be a whole number, got 'many'"),
                Arguments.of("ttg-worker", "--run r1 --wait-seconds 99999999999", Map.of(), 2,
                        "--wait-seconds must be at most 31536000, got 99999999999"),
                Arguments.of("ttg-worker", "--run r1", Map.of("TTG_LOG_LEVEL", "bogus"), 2,
                        "TTG_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF,"
                                + " got 'bogus'"),
                Arguments.of("ttg-producer", "run --params 10 --threads 100000", Map.of(), 2,
                        "--threads must be at most 256, got 100000"),
                Arguments.of("ttg-producer", "run --params 10 --params-too-big", Map.of(), 2,
                        "Unknown option: '--params-too-big'"),
                Arguments.of("ttg-producer", "enqueue --run r1 --params 99999999999999999999",
                        Map.of(), 2, "--params must be at most 9223372036854775807, got"
                                + " '99999999999999999999'"),
                Arguments.of("ttg-producer", "results --run missing-run -o /nonexistent/x.csv",
                        Map.of(), 4, "run 'missing-run' not found"),
                Arguments.of("ttg-worker", "--run r1 --checkpoint-parameters -1", Map.of(), 2,
                        "--checkpoint-parameters must be at least 0, got -1"),
                Arguments.of("ttg-worker", "--run r1", Map.of("CHECKPOINT_PARAMETERS", "lots"),
                        2, "CHECKPOINT_PARAMETERS must be a whole number, got 'lots'"),
                Arguments.of("ttg-worker", "--run r1 --checkpoint-seconds 0", Map.of(), 2,
                        "--checkpoint-seconds must be at least 0.1, got 0"),
                Arguments.of("ttg-worker", "--run r1 --redis-outage-seconds 0", Map.of(), 2,
                        "--redis-outage-seconds must be at least 1, got 0"),
                Arguments.of("ttg-worker", "--run r1", Map.of("WAIT_SECONDS", "soon"), 2,
                        "WAIT_SECONDS must be a whole number, got 'soon'"),
                Arguments.of("ttg-worker", "--run bad/id", Map.of(), 2,
                        "--run must be 1 to 64 letters, digits"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("otherCases")
    void command_badInput_oneLineErrorAndExitCode(String program, String args,
            Map<String, String> env, int exitCode, String message) throws Exception {
        Map<String, String> environment = environment(env);
        String[] command = args.isEmpty() ? new String[0] : args.split(" +");

        Programs.Result result = Programs.run(program, environment, command);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
        assertThat(result.err().lines().filter(line -> line.contains("error"))).hasSize(1);
        assertThat(result.err()).contains(program + ": error: ").contains(message);
        assertThat(keysInRedis()).isZero();
    }

    private static Map<String, String> environment(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>();
        environment.put("REDIS_URL", redis.url());
        overrides.forEach((name, value) -> environment.put(name, ports(value)));
        return environment;
    }

    private static String ports(String text) {
        return text.replace("CLOSED", String.valueOf(closedPort))
                .replace("NOT_REDIS", String.valueOf(notRedis.getLocalPort()));
    }

    private static long keysInRedis() {
        try (RedisConnection connection = RedisConnection.open(redis.url())) {
            return connection.sync().dbsize();
        }
    }
}
