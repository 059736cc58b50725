package io.ttg.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.ttg.BrokerRejectedException;
import io.ttg.BrokerUnavailableException;
import io.ttg.UsageException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce connection to the Redis server of REDIS_URL, with string keys and byte-array values.
 * Lettuce's connection is thread-safe and multiplexed, so all threads of a worker share it. While
 * it is disconnected, commands fail at once instead of piling up, and the callers retry.
 */
public final class RedisConnection implements AutoCloseable {
    /** How long a command may take before it times out. TTG sends no blocking commands. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Delay between reconnect attempts: 100 ms doubling up to 2 s. Lettuce's default doubles up
     * to 30 s, so after a long outage a worker noticed Redis was back up to 30 s late, and lost
     * its leases to workers that reconnected sooner.
     */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(100),
            Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS);
    private static final RedisCodec<String, byte[]> CODEC =
            RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final ClientResources resources;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final String address;

    private RedisConnection(RedisClient client, ClientResources resources,
            StatefulRedisConnection<String, byte[]> connection, String address) {
        this.client = client;
        this.resources = resources;
        this.connection = connection;
        this.address = address;
    }

    /**
     * Parses a REDIS_URL such as {@code redis://:password@host:6379/0} and checks its form.
     *
     * @throws UsageException if the URL is malformed; the message shows the expected form
     */
    public static RedisURI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new UsageException("REDIS_URL is empty; set it to redis://HOST:PORT, e.g."
                    + " redis://127.0.0.1:6379, or leave it unset for the embedded broker");
        }
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new UsageException("REDIS_URL must start with redis:// or rediss://, got '"
                    + redact(url) + "'; e.g. redis://127.0.0.1:6379");
        }
        try {
            java.net.URI syntax = new java.net.URI(url);
            if (syntax.getHost() == null) {
                throw new IllegalArgumentException("the host or port is invalid");
            }
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(COMMAND_TIMEOUT);
            return uri;
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            throw new UsageException("REDIS_URL '" + redact(url) + "' is malformed ("
                    + redact(String.valueOf(e.getMessage()))
                    + "); use redis://[:PASSWORD@]HOST[:PORT][/DB], with '/', '@' and '#' in"
                    + " the password percent-encoded as %2F, %40 and %23");
        }
    }

    /**
     * Returns the text with everything from {@code //} to the last {@code @} replaced by
     * {@code ***}, for logs and messages. This hides the user name and password of a URL even
     * when the password contains {@code /} or {@code @}.
     */
    public static String redact(String url) {
        return url.replaceAll("//.*@", "//***@");
    }

    /**
     * Connects to REDIS_URL and checks that the server is Redis.
     *
     * @throws UsageException if the URL is malformed
     * @throws BrokerUnavailableException if the server cannot be reached, is loading its data or
     *     has no free client slot: a later attempt may succeed
     * @throws BrokerRejectedException if the server is not Redis or rejected the credentials
     */
    public static RedisConnection open(String url) {
        RedisURI uri = parse(url);
        String address = uri.getHost() + ":" + uri.getPort();
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(RECONNECT_DELAY).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(options());
        try {
            StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC);
            RedisConnection redis = new RedisConnection(client, resources, connection,
                    address);
            redis.checkServerIsRedis();
            return redis;
        } catch (RedisException e) {
            shutdown(client, resources);
            Throwable rejection = RedisErrors.rootCause(e);
            if (rejection instanceof io.lettuce.core.RedisCommandExecutionException
                    && !isTransient(rejection.getMessage())) {
                throw new BrokerRejectedException("Redis at " + address + " rejected the"
                        + " connection: " + rejection.getMessage() + "; check the password and"
                        + " database number in REDIS_URL", e);
            }
            if (rejection instanceof io.lettuce.core.RedisCommandExecutionException) {
                throw new BrokerUnavailableException("Redis at " + address + " is not ready: "
                        + rejection.getMessage(), e);
            }
            if (acceptsConnections(uri)) {
                String text = "the server at " + address + " accepted a connection but did not"
                        + " answer as Redis (" + RedisErrors.rootMessage(e) + "); check that"
                        + " REDIS_URL points at a Redis server";
                // A silent server may be a Redis that is busy or still loading, so a worker
                // retries it. A server that sent something else is not Redis.
                if (String.valueOf(RedisErrors.rootMessage(e)).contains("timed out")) {
                    throw new BrokerUnavailableException(text, e);
                }
                throw new BrokerRejectedException(text, e);
            }
            throw new BrokerUnavailableException("cannot connect to Redis at " + address + ": "
                    + RedisErrors.rootMessage(e) + "; check REDIS_URL and that the server runs", e);
        } catch (BrokerUnavailableException | BrokerRejectedException e) {
            shutdown(client, resources);
            throw e;
        }
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        resources.shutdown(0, 1, TimeUnit.SECONDS);
    }

    /** Returns whether an error reply at connect time may go away: loading, busy, or full. */
    private static boolean isTransient(String message) {
        String text = String.valueOf(message);
        return text.startsWith("LOADING") || text.startsWith("BUSY")
                || text.contains("max number of clients");
    }

    /** Returns whether a plain TCP connection to the server succeeds, to tell "down" from "not Redis". */
    private static boolean acceptsConnections(RedisURI uri) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()),
                    (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static ClientOptions options() {
        return ClientOptions.builder()
                .protocolVersion(ProtocolVersion.RESP2)
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build();
    }

    private void checkServerIsRedis() {
        String info;
        try {
            info = connection.sync().info("server");
        } catch (RedisException e) {
            if (RedisErrors.isRetryable(e)) {
                throw new BrokerUnavailableException("the server at " + address
                        + " did not respond to INFO: " + RedisErrors.rootMessage(e), e);
            }
            throw new BrokerRejectedException("the server at " + address
                    + " did not answer as Redis: " + RedisErrors.rootMessage(e)
                    + "; check that REDIS_URL points at a Redis server", e);
        }
        if (info == null || !info.contains("redis_version:")) {
            throw new BrokerRejectedException("the server at " + address
                    + " answered INFO without a redis_version; point REDIS_URL at Redis", null);
        }
    }

    /** Returns the synchronous command API; calls throw Lettuce's exceptions. */
    public RedisCommands<String, byte[]> sync() {
        return connection.sync();
    }

    /** Returns the underlying connection, for pipelined asynchronous calls. */
    public StatefulRedisConnection<String, byte[]> connection() {
        return connection;
    }

    /** Returns {@code host:port} of the server, safe to log. */
    public String address() {
        return address;
    }

    /** Returns the server's INFO section as a map, such as {@code persistence}. */
    public Map<String, String> info(String section) {
        Map<String, String> fields = new java.util.TreeMap<>();
        for (String line : sync().info(section).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
