package io.ttg.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lettuce.core.RedisURI;
import io.ttg.BrokerRejectedException;
import io.ttg.BrokerUnavailableException;
import io.ttg.ExitCodes;
import io.ttg.UsageException;
import io.ttg.testing.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisConnectionTest {
    private static final String FORM = "; use redis://[:PASSWORD@]HOST[:PORT][/DB], with '/',"
            + " '@' and '#' in the password percent-encoded as %2F, %40 and %23";
    private static final Duration WORST_CASE = Duration.ofSeconds(15);

    private static TestRedis redis;
    private static TestRedis securedRedis;

    private ServerSocket fakeServer;
    private final List<Socket> heldClients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.local();
        securedRedis = TestRedis.local();
        try (RedisConnection connection = RedisConnection.open(securedRedis.url())) {
            connection.sync().configSet("requirepass", "s3cret-pw");
        }
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        securedRedis.close();
    }

    @AfterEach
    void stopFakeServer() throws IOException {
        if (fakeServer != null) {
            fakeServer.close();
        }
        for (Socket client : heldClients) {
            client.close();
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void parse_empty_isRejectedWithExample(String url) {
        assertThatThrownBy(() -> RedisConnection.parse(url))
                .isInstanceOf(UsageException.class)
                .hasMessage("REDIS_URL is empty; set it to redis://HOST:PORT, e.g."
                        + " redis://127.0.0.1:6379, or leave it unset for the embedded broker");
    }

    @Test
    void parse_wrongScheme_isRejectedWithExample() {
        assertThatThrownBy(() -> RedisConnection.parse("http://127.0.0.1:6379"))
                .isInstanceOf(UsageException.class)
                .hasMessage("REDIS_URL must start with redis:// or rediss://, got"
                        + " 'http://127.0.0.1:6379'; e.g. redis://127.0.0.1:6379");
    }

    @Test
    void parse_wrongSchemeWithPassword_hidesPassword() {
        assertThatThrownBy(() -> RedisConnection.parse("http://:secret@127.0.0.1:6379"))
                .hasMessage("REDIS_URL must start with redis:// or rediss://, got"
                        + " 'http://***@127.0.0.1:6379'; e.g. redis://127.0.0.1:6379");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://host:notaport", "redis://:6379", "redis:///0"})
    void parse_noValidHostOrPort_isRejected(String url) {
        assertThatThrownBy(() -> RedisConnection.parse(url))
                .isInstanceOf(UsageException.class)
                .hasMessage("REDIS_URL '" + url + "' is malformed (the host or port is invalid)"
                        + FORM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://", "redis://host:99999", "redis://host/abc",
            "redis://[::1"})
    void parse_malformed_isRejectedWithExpectedForm(String url) {
        UsageException error = catchThrowableOfType(UsageException.class,
                () -> RedisConnection.parse(url));

        assertThat(error.getMessage()).startsWith("REDIS_URL '" + url + "' is malformed (")
                .endsWith(")" + FORM);
        assertThat(error.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void parse_fullUrl_readsEveryPart() {
        RedisURI uri = RedisConnection.parse("rediss://:pw@cache.example:6380/2");

        assertThat(uri.getHost()).isEqualTo("cache.example");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getTimeout()).isEqualTo(RedisConnection.COMMAND_TIMEOUT);
    }

    @Test
    void parse_hostOnly_usesDefaultPort() {
        assertThat(RedisConnection.parse("redis://127.0.0.1").getPort()).isEqualTo(6379);
    }

    @Test
    void redact_noCredentials_keepsUrl() {
        assertThat(RedisConnection.redact("redis://127.0.0.1:6379/0"))
                .isEqualTo("redis://127.0.0.1:6379/0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:secret@host:6379/0", "redis://user:secret@host:6379/0",
            "redis://user@host:6379/0", "redis://:p@ss@host:6379/0", "redis://:pa/ss@host:6379/0",
            "redis://:a+b/c=@host:6379/0"})
    void redact_credentials_hidesThemWhole(String url) {
        assertThat(RedisConnection.redact(url)).isEqualTo("redis://***@host:6379/0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:pa ss@host:6379", "redis://:pa/ss@host:6379",
            "redis://:pa/ss@host:99999", "redis://:pa%zzss@host:6379"})
    void parse_malformedWithPassword_messageHidesPassword(String url) {
        UsageException error = catchThrowableOfType(UsageException.class,
                () -> RedisConnection.parse(url));

        assertThat(error.getMessage()).startsWith("REDIS_URL 'redis://***@host:")
                .doesNotContain("pa ss").doesNotContain("pa/ss").doesNotContain("ss@")
                .doesNotContain("%zz");
    }

    @Test
    void open_realRedis_connectsAndReadsInfo() {
        try (RedisConnection connection = RedisConnection.open(redis.url())) {
            assertThat(connection.address()).isEqualTo("127.0.0.1:" + redis.port());
            assertThat(connection.info("server")).containsKey("redis_version");
            assertThat(connection.info("server")).doesNotContainKey("# Server");
        }
    }

    @Test
    void open_rightPassword_connects() {
        String url = "redis://:s3cret-pw@127.0.0.1:" + securedRedis.port();

        try (RedisConnection connection = RedisConnection.open(url)) {
            assertThat(connection.info("server")).containsKey("redis_version");
        }
    }

    @Test
    void open_wrongPassword_isRejectedWithoutShowingPassword() {
        String url = "redis://:wrong-pw@127.0.0.1:" + securedRedis.port();

        BrokerRejectedException error = catchThrowableOfType(
                BrokerRejectedException.class, () -> RedisConnection.open(url));

        assertThat(error.getMessage())
                .startsWith("Redis at 127.0.0.1:" + securedRedis.port() + " rejected the"
                        + " connection: WRONGPASS")
                .endsWith("; check the password and database number in REDIS_URL")
                .doesNotContain("wrong-pw");
    }

    @Test
    void open_missingPassword_saysRedisRejectedIt() {
        String url = "redis://127.0.0.1:" + securedRedis.port();

        BrokerRejectedException error = catchThrowableOfType(
                BrokerRejectedException.class, () -> RedisConnection.open(url));

        assertThat(error.getMessage())
                .startsWith("Redis at 127.0.0.1:" + securedRedis.port() + " rejected the"
                        + " connection: NOAUTH")
                .endsWith("; check the password and database number in REDIS_URL");
    }

    @Test
    void open_databaseOutOfRange_isRejected() {
        String url = "redis://127.0.0.1:" + redis.port() + "/99";

        BrokerRejectedException error = catchThrowableOfType(
                BrokerRejectedException.class, () -> RedisConnection.open(url));

        assertThat(error.getMessage())
                .startsWith("Redis at 127.0.0.1:" + redis.port() + " rejected the connection:")
                .endsWith("; check the password and database number in REDIS_URL");
    }

    @Test
    void open_closedPort_failsQuicklyNamingAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();

        BrokerUnavailableException error = catchThrowableOfType(
                BrokerUnavailableException.class,
                () -> RedisConnection.open("redis://127.0.0.1:" + port));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(error.getMessage()).startsWith("cannot connect to Redis at 127.0.0.1:" + port
                + ": ").endsWith("; check REDIS_URL and that the server runs");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void open_serverAnsweringHttp_failsNamingAddress() throws IOException {
        int port = startFakeServer(true);
        long start = System.nanoTime();

        BrokerRejectedException error = catchThrowableOfType(
                BrokerRejectedException.class,
                () -> RedisConnection.open("redis://127.0.0.1:" + port));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WORST_CASE);
        assertThat(error.getMessage()).startsWith("the server at 127.0.0.1:" + port
                + " accepted a connection but did not answer as Redis (")
                .endsWith("); check that REDIS_URL points at a Redis server");
    }

    @Test
    void open_serverNeverAnswering_failsWithinWorstCase() throws IOException {
        int port = startFakeServer(false);
        long start = System.nanoTime();

        BrokerUnavailableException error = catchThrowableOfType(
                BrokerUnavailableException.class,
                () -> RedisConnection.open("redis://127.0.0.1:" + port));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WORST_CASE);
        assertThat(error.getMessage()).startsWith("the server at 127.0.0.1:" + port
                + " accepted a connection but did not answer as Redis (");
    }

    /**
     * Starts a server on a free loopback port that either responds to every connection with an
     * HTTP error and closes it, or accepts connections and never responds.
     */
    private int startFakeServer(boolean answerHttp) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        fakeServer = server;
        Thread thread = new Thread(() -> serve(server, answerHttp), "fake-server");
        thread.setDaemon(true);
        thread.start();
        return server.getLocalPort();
    }

    private void serve(ServerSocket server, boolean answerHttp) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!answerHttp) {
                    heldClients.add(client);
                    continue;
                }
                try (client) {
                    OutputStream out = client.getOutputStream();
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                return;
            }
        }
    }
}
