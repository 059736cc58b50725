package io.ttg.producer;

import io.ttg.RunNotFoundException;
import io.ttg.cli.Broker;
import io.ttg.cli.Environment;
import io.ttg.queue.ChunkQueue;
import io.ttg.queue.RunStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ttg-producer delete}: removes a run and its results from Redis. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Removes a run, its queue and its results from Redis. A run that is still"
                + " going needs --force; its workers then exit with code 4.")
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    RunIdOption runId;

    @Option(names = "--force", description = "Delete even if the run has not finished.")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private final Environment environment = Environment.system();

    @Override
    public Integer call() {
        String id = runId.require(environment);
        PrintWriter out = command.commandLine().getOut();
        try (ChunkQueue queue = Broker.openRedis(environment)) {
            RunStatus status;
            try {
                status = queue.status(id).orElseThrow(() -> new RunNotFoundException(id,
                        StatusCommand.notFound(id, environment)));
            } catch (io.ttg.CorruptKeyException e) {
                if (!force) {
                    throw e;
                }
                queue.delete(id);
                out.println("Deleted the keys of run " + id + ", which were corrupt: "
                        + e.getMessage());
                out.flush();
                return 0;
            }
            if (!status.state().isFinished() && !force) {
                throw new io.ttg.UsageException("run " + id + " is " + status.state() + " with "
                        + (status.pending() + status.leased()) + " chunks pending or leased;"
                        + " pass --force to delete it anyway");
            }
            queue.delete(id);
            out.println("Deleted run " + id + " (" + status.state() + ", " + status.done()
                    + " chunks done).");
        }
        out.flush();
        return 0;
    }
}
