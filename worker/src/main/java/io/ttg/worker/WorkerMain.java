package io.ttg.worker;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ttg.BrokerUnavailableException;
import io.ttg.ExitCodes;
import io.ttg.UsageException;
import io.ttg.cli.Broker;
import io.ttg.cli.CommandLines;
import io.ttg.cli.Durations;
import io.ttg.cli.Environment;
import io.ttg.compute.Computations;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunStatus;
import io.ttg.work.BrokerRetry;
import io.ttg.work.Worker;
import io.ttg.work.WorkerReport;
import io.ttg.work.WorkerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code ttg-worker}: pulls chunks of one run from Redis until the run is
 * finished. On SIGTERM it stops claiming, hands its chunks back with their checkpoints, and
 * exits with 143, so that a Kubernetes Job does not count the stopped pod as a success.
 */
@Command(name = "ttg-worker", mixinStandardHelpOptions = true, version = "ttg 0.1.0",
        description = "Pulls chunks of a run from the Redis queue at REDIS_URL and computes them"
                + " until the run is finished.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    the run is finished: no chunk is pending or leased",
            "  1    unexpected failure",
            "  2    invalid usage: a bad option, environment variable or REDIS_URL",
            "  3    Redis unreachable for longer than --redis-outage-seconds, or not Redis",
            "  4    the run did not appear within --wait-seconds, or vanished from Redis",
            "  5    a TTG key holds foreign data",
            "  143  stopped by SIGTERM after handing its chunks back"
        })
public final class WorkerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);
    /** Upper bound of the waits in seconds, a year, so that no duration overflows. */
    private static final long MAX_SECONDS = 365L * 24 * 3600;
    private static final int MAX_THREADS = 256;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);
    /** The metrics port of the worker container, named {@code metrics} in the Job's pod spec. */
    static final int DEFAULT_METRICS_PORT = 9404;

    @Option(names = "--run", paramLabel = "ID", description = "Run to work on. Env: RUN_ID.")
    String run;

    @Option(names = "--threads", paramLabel = "T",
            description = "Chunks computed at once. Env: WORKER_THREADS. Default: the number"
                    + " of available processors.")
    String threads;

    @Option(names = "--worker-id", paramLabel = "NAME",
            description = "Name in logs and leases. Env: WORKER_ID, else HOSTNAME (the pod name"
                    + " on Kubernetes), else host name and process id.")
    String workerId;

    @Option(names = "--checkpoint-seconds", paramLabel = "S",
            description = "Most seconds between two checkpoints inside a chunk."
                    + " Env: CHECKPOINT_SECONDS. Default: 5.")
    String checkpointSeconds;

    @Option(names = "--checkpoint-parameters", paramLabel = "P",
            description = "Maximum parameters between two checkpoints inside a chunk; a"
                    + " checkpoint is saved when this or --checkpoint-seconds is reached first."
                    + " 0 checkpoints by time only. Env: CHECKPOINT_PARAMETERS. Default: 0.")
    String checkpointParameters;

    @Option(names = "--wait-seconds", paramLabel = "S",
            description = "Seconds to wait for a run that is not enqueued yet."
                    + " Env: WAIT_SECONDS. Default: 300.")
    String waitSeconds;

    @Option(names = "--redis-outage-seconds", paramLabel = "S",
            description = "Seconds Redis may stay unreachable before the worker exits with 3."
                    + " Env: REDIS_OUTAGE_SECONDS. Default: 600.")
    String outageSeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Port of the Prometheus endpoint " + MetricsEndpoint.PATH + "; 0"
                    + " disables it. Env: METRICS_PORT. Default: " + DEFAULT_METRICS_PORT
                    + ", skipped with a warning when another process holds it.")
    String metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS",
            description = "Address the Prometheus endpoint listens on. Env: METRICS_HOST."
                    + " Default: 0.0.0.0, every interface.")
    String metricsHost;

    private final Environment environment = Environment.system();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Worker worker;
    private volatile String name = "?";
    private volatile boolean shuttingDown;

    @Override
    public Integer call() {
        WorkerSettings settings = settings();
        String id = environment.text(run, "RUN_ID", null);
        if (id == null) {
            throw new UsageException("--run is required: the run to work on, e.g. --run sweep-1"
                    + " (or set RUN_ID)");
        }
        RunSpec.validateRunId(id);
        name = settings.workerId();
        PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
        MetricsEndpoint metrics = startMetrics(registry);
        log.info("worker={} connecting to {}", settings.workerId(), Broker.describe(environment));
        try (ChunkQueue queue = connect(settings)) {
            worker = new Worker(queue, id, settings, registry);
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnSignal, "ttg-shutdown"));
            WorkerReport report = worker.run();
            System.out.println(summary(queue, id, report));
            System.out.flush();
            return report.stopped() ? 143 : ExitCodes.OK;
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            finished.countDown();
        }
    }

    /**
     * Starts the metrics endpoint, or returns null when it is disabled or the default port is
     * taken, as it is by a second worker on one machine.
     *
     * @throws UsageException if a port set by flag or METRICS_PORT cannot be bound
     */
    private MetricsEndpoint startMetrics(PrometheusMeterRegistry registry) {
        int port = environment.intValue(metricsPort, "--metrics-port", "METRICS_PORT",
                DEFAULT_METRICS_PORT, 0);
        if (port > 65_535) {
            throw new UsageException("--metrics-port must be at most 65535, got " + port);
        }
        if (port == 0) {
            return null;
        }
        String host = environment.text(metricsHost, "METRICS_HOST", "0.0.0.0");
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UsageException("--metrics-host '" + host + "' is not a known address;"
                    + " use an IP address such as 0.0.0.0 or 127.0.0.1");
        }
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(registry, address);
            log.info("worker={} serving Prometheus metrics on http://{}:{}{}", name, host,
                    endpoint.port(), MetricsEndpoint.PATH);
            return endpoint;
        } catch (IOException e) {
            boolean chosen = metricsPort != null || environment.get("METRICS_PORT") != null;
            if (chosen) {
                throw new UsageException("cannot serve metrics on " + host + ":" + port + ": "
                        + e.getMessage() + "; pick a free --metrics-port (METRICS_PORT), or 0"
                        + " to disable metrics");
            }
            log.warn("worker={} serving no metrics: cannot bind {}:{} ({}); set"
                    + " --metrics-port to a free port", name, host, port, e.getMessage());
            return null;
        }
    }

    /**
     * Opens the queue, retrying an unreachable Redis like every call during a run: a worker pod
     * that starts before Redis, or while it restarts, waits instead of failing.
     */
    private ChunkQueue connect(WorkerSettings settings) {
        BrokerRetry retry = new BrokerRetry(settings.workerId(), settings.outageLimit(),
                () -> false, () -> { });
        ChunkQueue queue = retry.call("connecting", () -> Broker.openRedis(environment));
        if (queue == null) {
            throw new BrokerUnavailableException("interrupted while connecting to Redis", null);
        }
        return queue;
    }

    private WorkerSettings settings() {
        String id = environment.text(workerId, "WORKER_ID", environment.get("HOSTNAME"));
        if (id == null) {
            id = hostName() + "-" + ProcessHandle.current().pid();
        }
        int threadCount = (int) environment.longValue(threads, "--threads", "WORKER_THREADS",
                Runtime.getRuntime().availableProcessors(), 1, MAX_THREADS);
        double checkpoint = environment.decimalValue(checkpointSeconds, "--checkpoint-seconds",
                "CHECKPOINT_SECONDS", 5, 0.1, MAX_SECONDS);
        long everyParameters = environment.longValue(checkpointParameters,
                "--checkpoint-parameters", "CHECKPOINT_PARAMETERS", 0, 0);
        long wait = environment.longValue(waitSeconds, "--wait-seconds", "WAIT_SECONDS", 300, 0,
                MAX_SECONDS);
        long outage = environment.longValue(outageSeconds, "--redis-outage-seconds",
                "REDIS_OUTAGE_SECONDS", 600, 1, MAX_SECONDS);
        return new WorkerSettings(id, threadCount, Duration.ofMillis(Math.round(checkpoint * 1000)),
                everyParameters, Duration.ofSeconds(wait), Duration.ofSeconds(outage));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }

    private void stopOnSignal() {
        Worker current = worker;
        if (current == null || finished.getCount() == 0) {
            return;
        }
        shuttingDown = true;
        log.info("worker={} received a stop signal (SIGTERM or SIGINT): handing chunks back"
                + " and exiting", name);
        current.requestStop();
        try {
            finished.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String summary(ChunkQueue queue, String id, WorkerReport report) {
        String line = Durations.summaryLine(report.duration(), report.parameters(),
                report.chunks());
        try {
            RunStatus status = queue.status(id).orElse(null);
            if (status == null) {
                return line;
            }
            var computation = Computations.create(status.spec().computation(),
                    status.spec().options());
            return line + "; run " + id + " " + status.state() + ", aggregate: "
                    + Computations.merge(computation, queue.partialAggregates(id)).describe();
        } catch (RuntimeException e) {
            return line + "; run status unavailable: " + e.getMessage();
        }
    }

    /** Runs the worker and exits with its code, unless the JVM is already shutting down. */
    public static void main(String[] args) {
        WorkerMain main = new WorkerMain();
        int code = CommandLines.execute(main, "ttg-worker", args);
        if (!main.shuttingDown) {
            System.exit(code);
        }
    }
}
