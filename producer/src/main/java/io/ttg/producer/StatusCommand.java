package io.ttg.producer;

import io.ttg.ExitCodes;
import io.ttg.RunNotFoundException;
import io.ttg.cli.Broker;
import io.ttg.cli.Environment;
import io.ttg.compute.Computations;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RunState;
import io.ttg.queue.RunStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ttg-producer status}: shows a run's progress, once or until it ends. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows a run's state, chunks pending, leased, done and failed, throughput,"
                + " ETA and aggregate.")
final class StatusCommand implements Callable<Integer> {
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Mixin
    RunIdOption runId;

    @Option(names = "--watch",
            description = "Redraw until the run ends; exit 0 when it completed, 6 with failures.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "S",
            description = "Seconds between redraws with --watch. Default: 2.")
    double intervalSeconds = 2;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment = Environment.system();

    @Override
    public Integer call() throws InterruptedException {
        String id = runId.require(environment);
        if (!(intervalSeconds >= 0.1)) {
            throw new io.ttg.UsageException("--interval must be at least 0.1 seconds, got "
                    + intervalSeconds);
        }
        PrintWriter out = command.commandLine().getOut();
        boolean terminal = System.console() != null;
        try (ChunkQueue queue = Broker.openRedis(environment)) {
            while (true) {
                RunStatus status;
                try {
                    status = read(queue, id);
                } catch (io.ttg.BrokerUnavailableException e) {
                    if (!watch) {
                        throw e;
                    }
                    out.println("Redis unavailable (" + e.getMessage() + "); retrying in "
                            + intervalSeconds + " s");
                    out.flush();
                    Thread.sleep(Math.round(intervalSeconds * 1000));
                    continue;
                }
                if (watch && terminal) {
                    out.print(CLEAR_SCREEN);
                }
                out.print(StatusView.render(status, aggregate(queue, status)));
                out.flush();
                if (!watch || status.state().isFinished()) {
                    return watch ? exitCode(status.state()) : ExitCodes.OK;
                }
                if (!terminal) {
                    out.println();
                }
                Thread.sleep(Math.round(intervalSeconds * 1000));
            }
        }
    }

    static RunStatus read(ChunkQueue queue, String id) {
        return queue.status(id).orElseThrow(() -> new RunNotFoundException(id,
                notFound(id, Environment.system())));
    }

    static String notFound(String id, Environment environment) {
        return "run '" + id + "' not found on " + Broker.describe(environment) + ": it was never"
                + " enqueued there, was deleted, or was lost when Redis restarted without"
                + " persistence. Check --run and REDIS_URL, or enqueue it again";
    }

    /** Returns the merged aggregate of the run's done chunks, described for people. */
    static String aggregate(ChunkQueue queue, RunStatus status) {
        io.ttg.compute.Computation computation;
        try {
            computation = Computations.create(status.spec().computation(),
                    status.spec().options());
        } catch (io.ttg.UsageException e) {
            return "unavailable: computation '" + status.spec().computation() + "' is not on"
                    + " this program's class path (set TTG_PLUGINS or TTG_CLASSPATH)";
        }
        String text = Computations.merge(computation, queue.partialAggregates(
                status.spec().runId())).describe();
        return status.state().isFinished() ? text : text + " (so far)";
    }

    static int exitCode(RunState state) {
        return state == RunState.COMPLETED_WITH_FAILURES ? ExitCodes.COMPLETED_WITH_FAILURES
                : ExitCodes.OK;
    }
}
