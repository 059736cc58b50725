package io.ttg.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real Redis server for tests: a Testcontainers container where Docker runs, else a
 * {@code redis-server} process on a free loopback port. Set TTG_TEST_REDIS=local to skip the
 * Docker check. {@link #local} always starts a process, for tests that kill or restart Redis.
 * {@link #close()} stops what was started.
 */
public final class TestRedis implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final GenericContainer<?> container;
    private final List<String> arguments;
    private final Path directory;
    private int port;
    private Process process;

    private TestRedis(GenericContainer<?> container, List<String> arguments, Path directory,
            int port) {
        this.container = container;
        this.arguments = arguments;
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server in Docker if Docker runs, else a local process. */
    public static TestRedis start() {
        if (!"local".equals(System.getenv("TTG_TEST_REDIS")) && dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7.2-alpine")
                    .withExposedPorts(6379);
            container.start();
            return new TestRedis(container, List.of(), null, container.getMappedPort(6379));
        }
        return local();
    }

    /**
     * Starts a {@code redis-server} process on a free port, with extra arguments such as
     * {@code --appendonly yes}. Persistence files go to a new temporary folder.
     */
    public static TestRedis local(String... extraArguments) {
        try {
            Path directory = Files.createTempDirectory("ttg-redis-");
            List<String> arguments = new ArrayList<>(List.of(extraArguments));
            TestRedis redis = new TestRedis(null, arguments, directory, freePort());
            redis.startProcess();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Returns {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://" + host() + ":" + port;
    }

    public String host() {
        return container != null ? container.getHost() : "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Returns the process id of the local server, for tests that send it signals. */
    public long pid() {
        requireLocal();
        return process.pid();
    }

    /** Stops the local server with SIGKILL, losing whatever it did not persist. */
    public void kill() {
        requireLocal();
        process.destroyForcibly();
        waitForExit();
    }

    /** Starts the local server again on the same port and folder, after {@link #kill()}. */
    public void restart() {
        requireLocal();
        if (process.isAlive()) {
            kill();
        }
        try {
            startProcess();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart redis-server: " + e.getMessage(), e);
        }
    }

    private void startProcess() throws IOException {
        List<String> command = new ArrayList<>(List.of(serverBinary(), "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--daemonize", "no",
                "--dir", directory.toString(), "--logfile", directory.resolve("redis.log")
                        .toString()));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ping()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-server did not start on port " + port
                        + "; see " + directory.resolve("redis.log"));
            }
            sleep(20);
        }
    }

    private static String serverBinary() {
        String configured = System.getenv("TTG_REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return "redis-server";
    }

    /** Returns whether the server answers PING, or rejects it for want of the password. */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[8];
            int n = in.read(reply);
            String answer = n > 0 ? new String(reply, 0, n, StandardCharsets.US_ASCII) : "";
            return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void requireLocal() {
        if (process == null) {
            throw new IllegalStateException("only a local redis-server can be killed or"
                    + " restarted; create it with TestRedis.local()");
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
