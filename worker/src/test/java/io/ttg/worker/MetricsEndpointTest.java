package io.ttg.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttg.queue.InMemoryChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.work.Worker;
import io.ttg.work.WorkerSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes the endpoint after a worker ran and checks the Prometheus names and values. */
class MetricsEndpointTest {
    private static final String RUN = "scrape-run";

    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = MetricsEndpoint.start(MetricsEndpoint.newRegistry(),
                new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private HttpResponse<String> send(String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + endpoint.port() + MetricsEndpoint.PATH))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void runWorker(long parameters, int chunkSize) {
        InMemoryChunkQueue queue = new InMemoryChunkQueue();
        queue.enqueue(new RunSpec(RUN, parameters, chunkSize, "primes", Map.of(), 3, 6_000,
                false, 1_000));
        new Worker(queue, RUN, WorkerSettings.defaults("w1", 1), endpoint.registry()).run();
    }

    @Test
    void scrape_afterRun_showsWorkerCounters() throws Exception {
        runWorker(1_000, 100);

        HttpResponse<String> response = send("GET");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue(MetricsEndpoint.CONTENT_TYPE);
        String body = response.body();
        assertThat(body).contains("ttg_chunks_completed_total{run=\"scrape-run\"} 10.0");
        assertThat(body).contains("ttg_parameters_completed_total{run=\"scrape-run\"} 1000.0");
        assertThat(body).contains("ttg_chunks_redelivered_total{run=\"scrape-run\"} 0.0");
        assertThat(body).contains("ttg_chunks_failed_total{run=\"scrape-run\"} 0.0");
        assertThat(body).contains("ttg_chunks_handed_back_total{run=\"scrape-run\"} 0.0");
        assertThat(body).contains("ttg_leases_lost_total{run=\"scrape-run\"} 0.0");
        assertThat(body).contains("ttg_lease_renewals_total{run=\"scrape-run\"}");
        assertThat(body).contains("ttg_redis_errors_total{run=\"scrape-run\"} 0.0");
        assertThat(body).contains("ttg_chunk_duration_seconds_count{run=\"scrape-run\"} 10");
        assertThat(body).contains("ttg_chunk_duration_seconds_sum{run=\"scrape-run\"}");
        assertThat(body).contains("ttg_chunk_duration_seconds_max{run=\"scrape-run\"}");
        assertThat(body).contains("# HELP ttg_chunks_completed_total Chunks completed by this"
                + " worker");
        assertThat(body).contains("# TYPE ttg_chunks_completed_total counter");
    }

    @Test
    void scrape_showsJvmMeters() throws Exception {
        String body = send("GET").body();

        assertThat(body).contains("jvm_memory_used_bytes{");
        assertThat(body).contains("jvm_memory_max_bytes{");
        assertThat(body).contains("jvm_gc_memory_allocated_bytes_total");
        assertThat(body).contains("jvm_threads_live_threads");
        assertThat(body).contains("jvm_classes_loaded_classes");
        assertThat(body).contains("system_cpu_count");
        assertThat(body).contains("process_cpu_usage");
    }

    @Test
    void post_isRejectedWith405() throws Exception {
        assertThat(send("POST").statusCode()).isEqualTo(405);
    }

    @Test
    void close_releasesPort() throws Exception {
        int port = endpoint.port();
        endpoint.close();

        endpoint = MetricsEndpoint.start(MetricsEndpoint.newRegistry(),
                new InetSocketAddress("127.0.0.1", port));

        assertThat(endpoint.port()).isEqualTo(port);
    }
}
