package io.ttg.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a worker's meters and the JVM's in the Prometheus text format at {@code /metrics}, with
 * the JDK's HTTP server on one daemon thread. Prometheus renders Micrometer's dotted names with
 * underscores and unit suffixes, so {@code ttg.chunks.completed} becomes
 * {@code ttg_chunks_completed_total}.
 */
final class MetricsEndpoint implements AutoCloseable {
    /** The scrape path, as in the pod's {@code prometheus.io/path} annotation. */
    static final String PATH = "/metrics";
    /** The content type of {@link PrometheusMeterRegistry#scrape()}: text format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics,
            HttpServer server, ExecutorService executor) {
        this.registry = registry;
        this.gcMetrics = gcMetrics;
        this.server = server;
        this.executor = executor;
    }

    /** Returns a Prometheus registry with the JVM's memory, GC, thread, CPU and class meters. */
    static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Binds {@code address} and starts serving {@code registry}, with GC meters added to it.
     *
     * @throws IOException if the address cannot be bound, for example because the port is in use
     */
    static MetricsEndpoint start(PrometheusMeterRegistry registry, InetSocketAddress address)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ttg-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> respond(registry, exchange));
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        server.start();
        return new MetricsEndpoint(registry, gcMetrics, server, executor);
    }

    private static void respond(PrometheusMeterRegistry registry, HttpExchange exchange)
            throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Returns the bound port, which differs from the requested one when that was 0. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Returns the registry this endpoint serves. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops serving at once and releases the port. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        gcMetrics.close();
        registry.close();
    }
}
