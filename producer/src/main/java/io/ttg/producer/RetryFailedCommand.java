package io.ttg.producer;

import io.ttg.cli.Broker;
import io.ttg.cli.Environment;
import io.ttg.queue.ChunkQueue;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code ttg-producer retry-failed}: puts a run's failed chunks back on the queue. */
@Command(name = "retry-failed", mixinStandardHelpOptions = true,
        description = "Puts the run's failed chunks back on the queue with fresh attempts;"
                + " start workers again to process them.")
final class RetryFailedCommand implements Callable<Integer> {
    @Mixin
    RunIdOption runId;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment = Environment.system();

    @Override
    public Integer call() {
        String id = runId.require(environment);
        PrintWriter out = command.commandLine().getOut();
        try (ChunkQueue queue = Broker.openRedis(environment)) {
            StatusCommand.read(queue, id);
            long count = queue.retryFailed(id);
            out.println(count == 0 ? "Run " + id + " has no failed chunks; nothing changed."
                    : "Put " + count + " failed chunks of run " + id + " back on the queue;"
                            + " start workers with: ttg-worker --run " + id);
        }
        out.flush();
        return 0;
    }
}
