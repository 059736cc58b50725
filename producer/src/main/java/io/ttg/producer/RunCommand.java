package io.ttg.producer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ttg.TtgException;
import io.ttg.cli.Broker;
import io.ttg.cli.Durations;
import io.ttg.cli.Environment;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RunSpec;
import io.ttg.queue.RunStatus;
import io.ttg.work.Worker;
import io.ttg.work.WorkerSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ttg-producer run}: a whole sweep on this machine. Workers run as threads of this JVM
 * and share the embedded broker, or Redis when REDIS_URL is set.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a whole sweep on this machine: enqueues it, computes it with"
                + " --workers local workers, shows progress, and prints the aggregate and a"
                + " summary. Uses Redis when REDIS_URL is set, else an embedded broker.")
final class RunCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);
    /** Exit code after SIGINT, as shells report it; SIGTERM ends the JVM with 143. */
    private static final int INTERRUPTED = 130;
    private static final int MAX_WORKERS = 1_000;
    private static final int MAX_THREADS = 256;

    @Mixin
    RunIdOption runId;

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--workers", paramLabel = "W",
            description = "Local workers, each pulling chunks like a ttg-worker process."
                    + " Env: TOTAL_WORKERS. Default: the number of processors.")
    String workers;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads per local worker. Default: 1.")
    String threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment = Environment.system();
    private volatile boolean interrupted;

    @Override
    public Integer call() throws InterruptedException {
        String id = runId.orDefault(environment, "local-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunSpec spec = specOptions.toSpec(environment, id, System.currentTimeMillis());
        int workerCount = environment.intValue(workers, "--workers", "TOTAL_WORKERS",
                Runtime.getRuntime().availableProcessors(), 1);
        int threadCount = environment.intValue(threads, "--threads", null, 1, 1);
        if (workerCount > MAX_WORKERS) {
            throw new io.ttg.UsageException("--workers must be at most " + MAX_WORKERS + ", got "
                    + workerCount + "; for more workers, enqueue on Redis and start ttg-worker"
                    + " processes");
        }
        if (threadCount > MAX_THREADS) {
            throw new io.ttg.UsageException("--threads must be at most " + MAX_THREADS
                    + ", got " + threadCount);
        }
        PrintWriter out = command.commandLine().getOut();
        if (spec.saveOutput() && !Broker.configured(environment)) {
            command.commandLine().getErr().println("ttg-producer: warning: --save-output keeps"
                    + " results only on Redis; the embedded broker discards them when this"
                    + " command ends. Set REDIS_URL to keep them for 'ttg-producer results'");
        }
        quietWorkerLogs();
        try (ChunkQueue queue = Broker.open(environment)) {
            out.println("Run " + id + ": " + spec.computation() + " over "
                    + Durations.count(spec.totalParameters(), "parameter") + " in "
                    + Durations.count(spec.chunkCount(), "chunk") + " of "
                    + Durations.count(spec.chunkSize()) + ", "
                    + Durations.count(workerCount, "worker") + " x "
                    + Durations.count(threadCount, "thread") + ", "
                    + Broker.describe(environment));
            out.flush();
            queue.enqueue(spec);
            long start = System.nanoTime();
            runWorkers(queue, id, workerCount, threadCount);
            if (interrupted) {
                return INTERRUPTED;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            RunStatus status = StatusCommand.read(queue, id);
            if (!status.state().isFinished()) {
                throw new TtgException(io.ttg.ExitCodes.FAILURE, "run " + id + " stopped "
                        + status.state() + " with " + status.done() + " of "
                        + status.spec().chunkCount() + " chunks done");
            }
            out.println("Result: " + StatusCommand.aggregate(queue, status));
            if (status.failed() > 0) {
                out.print(StatusView.render(status, StatusCommand.aggregate(queue, status),
                        Broker.configured(environment)));
            }
            out.println(Durations.summaryLine(took, status.parametersDone(), status.done()));
            out.flush();
            return StatusCommand.exitCode(status.state());
        }
    }

    /** Keeps per-chunk worker lines out of the progress display; warnings still show. */
    private static void quietWorkerLogs() {
        if (LoggerFactory.getLogger(Worker.class) instanceof Logger logger
                && !logger.isDebugEnabled()) {
            logger.setLevel(Level.WARN);
        }
    }

    private void runWorkers(ChunkQueue queue, String id, int workerCount, int threadCount)
            throws InterruptedException {
        List<Worker> running = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        for (int i = 1; i <= workerCount; i++) {
            Worker worker = new Worker(queue, id, WorkerSettings.defaults("local-" + i,
                    threadCount), registry);
            running.add(worker);
            Thread thread = new Thread(() -> {
                try {
                    worker.run();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                    running.forEach(Worker::requestStop);
                }
            }, "ttg-local-worker-" + i);
            thread.start();
            threads.add(thread);
        }
        String resume = Broker.configured(environment)
                ? "; resume the run on Redis with: ttg-worker --run " + id : "";
        Thread stopper = new Thread(() -> stopWorkers(running, threads, resume), "ttg-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        showProgress(queue, id, threads);
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        Throwable error = failure.get();
        if (error instanceof TtgException ttg) {
            throw ttg;
        }
        if (error != null) {
            throw new TtgException(io.ttg.ExitCodes.FAILURE, "a local worker failed: " + error,
                    error);
        }
    }

    /** Asks every local worker to hand its chunks back, and waits for them, on SIGINT or SIGTERM. */
    private void stopWorkers(List<Worker> running, List<Thread> threads, String resume) {
        interrupted = true;
        running.forEach(Worker::requestStop);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        PrintWriter err = command.commandLine().getErr();
        err.println();
        err.println("ttg-producer: interrupted: the local workers handed their chunks back"
                + resume);
        err.flush();
    }

    private void showProgress(ChunkQueue queue, String id, List<Thread> threads)
            throws InterruptedException {
        PrintWriter err = command.commandLine().getErr();
        boolean terminal = System.console() != null;
        long lastLine = 0;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            threads.get(0).join(PROGRESS_EVERY.toMillis());
            long now = System.nanoTime();
            if (!terminal && now - lastLine < 5 * PROGRESS_EVERY.toNanos()) {
                continue;
            }
            lastLine = now;
            try {
                RunStatus status = StatusCommand.read(queue, id);
                err.print((terminal ? "\r" : "") + progressLine(status) + (terminal ? "" : "\n"));
                err.flush();
            } catch (TtgException e) {
                err.println("progress unavailable: " + e.getMessage());
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (terminal) {
            err.println();
        }
    }

    private static String progressLine(RunStatus status) {
        return StatusView.bar(status.parametersDone(), status.spec().totalParameters()) + " "
                + Durations.count(status.parametersDone()) + "/"
                + Durations.count(status.spec().totalParameters()) + " parameters, "
                + Durations.count(Math.round(status.throughputPerSecond())) + "/s"
                + remaining(status) + "   ";
    }

    private static String remaining(RunStatus status) {
        if (status.state().isFinished()) {
            return ", done";
        }
        long eta = status.etaSeconds();
        return eta < 0 ? "" : ", ETA " + Durations.format(Duration.ofSeconds(eta));
    }
}
