package io.ttg.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.testing.TestRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scrapes {@code /metrics} from a running {@code ttg-worker} process. */
class WorkerMetricsEndToEndTest {
    private static final Pattern COMPLETED =
            Pattern.compile("ttg_chunks_completed_total\\{run=\"e2e-metrics\"} (\\d+)\\.0");

    private static TestRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Returns the scrape, or null while the endpoint is not reachable yet. */
    private static String scrape(HttpClient http, int port) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void runningWorker_servesChunkAndJvmMetrics() throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", redis.url());
        Programs.Result enqueue = Programs.run("ttg-producer", env, "enqueue", "--params", "200",
                "--chunk-size", "10", "--simulate-work-ms", "20", "--run", "e2e-metrics");
        assertThat(enqueue.exitCode()).as(enqueue.err()).isZero();
        int port = freePort();
        Programs.Running worker = Programs.start("ttg-worker", Map.of("REDIS_URL", redis.url(),
                "METRICS_PORT", Integer.toString(port), "METRICS_HOST", "127.0.0.1"),
                "--run", "e2e-metrics", "--threads", "1");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        String body = null;
        long completed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (worker.process.isAlive() && completed == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            body = scrape(http, port);
            Matcher matcher = body == null ? null : COMPLETED.matcher(body);
            completed = matcher != null && matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        }

        assertThat(completed).as("chunks completed while the worker ran; stderr: %s",
                worker.err()).isBetween(1L, 19L);
        assertThat(body).contains("ttg_chunk_duration_seconds_count{run=\"e2e-metrics\"}");
        assertThat(body).contains("ttg_parameters_completed_total{run=\"e2e-metrics\"}");
        assertThat(body).contains("jvm_memory_used_bytes{");
        assertThat(worker.await(Duration.ofSeconds(60))).as(worker.err()).isZero();
        assertThat(worker.err()).contains("serving Prometheus metrics on http://127.0.0.1:"
                + port + "/metrics");
        assertThat(scrape(http, port)).as("endpoint after exit").isNull();
    }

    @Test
    void explicitPortInUse_exitsWithUsageError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Programs.Result worker = Programs.run("ttg-worker", Map.of("REDIS_URL", redis.url(),
                    "METRICS_HOST", "127.0.0.1"), "--run", "e2e-metrics-busy",
                    "--metrics-port", Integer.toString(taken.getLocalPort()));

            assertThat(worker.exitCode()).isEqualTo(2);
            assertThat(worker.err()).contains("ttg-worker: error: cannot serve metrics on"
                    + " 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
